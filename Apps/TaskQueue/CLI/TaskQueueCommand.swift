import ArgumentParser
import TaskQueueCore

/// `taskqueue`: the task-queue lab's command line (server, worker, client and tools).
public struct TaskQueueCommand: AsyncParsableCommand {
    /// The lease/ack/retry rules that `server` and `bench` apply to every task: the course's, unless
    /// a student's command line sets its own
    /// (`TaskQueueCommand.$rules.withValue(StudentLifecycle.self) { await TaskQueueCommand.main() }`).
    @TaskLocal public static var rules: any TaskLifecycleRules.Type = TaskLifecycle.self

    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "taskqueue",
        abstract: "A durable job queue: clients submit tasks over TCP, workers lease and run them.",
        discussion: """
            Start a server with a local pool of 4 workers (the seed's experience):
              taskqueue server --workers 4
            Then, in another terminal:
              taskqueue client                       interactive: uppercase hola, hash x, echo y, quit
              taskqueue client submit --op hash --data hola
            Workers can also be separate processes, on this or other machines:
              taskqueue server --workers 0 --worker-port 5002
              taskqueue worker --server 127.0.0.1:5002 --concurrency 4
            Measure tasks/s and latency (an in-process server unless --server is given):
              taskqueue bench --connections 32 --duration 10
            """,
        subcommands: [ServerCommand.self, WorkerCommand.self, ClientCommand.self, StatsCommand.self, BenchCommand.self, WorkloadCommand.self, CheckCommand.self]
    )
}
