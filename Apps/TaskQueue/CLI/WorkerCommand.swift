import ArgumentParser
import Foundation
import LabNet
import TaskQueueService

/// `taskqueue worker`: a worker process that leases tasks from a server over gRPC and runs them.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run tasks leased from a queue server over gRPC, until SIGTERM or Ctrl-C.",
        discussion: """
            The server's worker port is the one `taskqueue server --worker-port` listens on.
            If the server is down, the worker logs it and keeps retrying. On SIGTERM or Ctrl-C it
            stops at once: tasks it was running are abandoned and their leases expire, so another
            worker runs them again (at-least-once execution).
            """
    )

    @Option(help: ArgumentHelp("The queue server's worker port.", valueName: "host:port"))
    var server: ServerAddress

    @Option(help: "How many tasks run at the same time.")
    var concurrency: Int = 1

    @Option(help: "The worker's name; slots report as NAME-1, NAME-2, … (default: <hostname>-<pid>).")
    var name: String?

    func validate() throws {
        guard self.concurrency >= 1 else {
            throw ValidationError("--concurrency must be at least 1, got \(self.concurrency)")
        }
        guard self.name?.isEmpty != true else {
            throw ValidationError("--name must not be empty")
        }
    }

    func run() async throws {
        let name = self.name ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let worker = Worker(name: name, concurrency: self.concurrency)
        let connection = GRPCClientConnection(host: self.server.host, port: self.server.port)
        try await RemoteWorkSource.connect(to: connection) { source in
            print("worker \(name) connected to \(connection), concurrency \(self.concurrency)")
            fflush(nil)
            if let signal = await StopSignals.run({ await worker.run(on: source) }) {
                worker.logger.info("worker \(name) stopped by signal \(signal)")
            }
        }
    }
}
