import ArgumentParser
import RaftCore

/// `raftkv`: the Raft key-value lab's command line: nodes, proxy, client, admin, the simulator,
/// workloads, checks and the benchmark.
public struct RaftKVCommand: AsyncParsableCommand {
    /// The Raft core that `node` and `sim` run: the course's, unless a student's command line sets
    /// its own (`RaftKVCommand.$core.withValue(StudentRaft.self) { await RaftKVCommand.main() }`).
    @TaskLocal public static var core: any RaftNode.Type = ReferenceRaft.self

    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "raftkv",
        abstract: "The Raft key-value lab.",
        discussion: """
            Start with the simulator: it runs whole clusters in virtual time, with faults, and checks \
            every client history for linearizability.

              raftkv sim --seeds 200 --faults unreliable     many randomized runs
              raftkv sim --seed 42 --seeds 1 --trace-dir t    replay one seed and keep its timeline
              raftkv sim --scenarios                          the lab's scenario suite (3A–3D and more)
            """,
        subcommands: [NodeCommand.self, ProxyCommand.self, ClientCommand.self, AdminCommand.self, BenchCommand.self, SimCommand.self, WorkloadCommand.self, CheckCommand.self]
    )
}
