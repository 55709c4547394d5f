import ArgumentParser

/// `raftkv`: the Raft key-value lab. Today it runs the deterministic simulator; the real nodes,
/// proxy and client join it in the next part of the lab.
@main
struct RaftKVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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
