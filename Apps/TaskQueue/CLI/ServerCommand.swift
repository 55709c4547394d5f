import ArgumentParser
import Foundation
import LabNet
import Synchronization
import TaskQueueService

/// `taskqueue server`: the front door (TCP, newline-delimited JSON), the worker service (gRPC)
/// and optionally a local pool of workers, over one durable queue.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the queue: TCP front door for clients, gRPC service for workers, optional local worker pool.",
        discussion: """
            Clients send one JSON object per line to --port, e.g. {"op":"uppercase","data":"hola mundo"}.
            Workers lease tasks over gRPC from --worker-port (see `taskqueue worker`). Every accepted
            task is in the queue (--data/queue.sqlite, or with --store the PostgreSQL database that
            servers on many machines can share) before it is acknowledged; results also go to
            --data/objects/results/<id>.json.
            """
    )

    @Option(help: "TCP port of the client front door (0: the OS chooses).")
    var port: Int = 5001

    @Option(help: "gRPC port for remote workers (0: the OS chooses).")
    var workerPort: Int = 5002

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Workers to run inside the server (0 for none: use `taskqueue worker` processes).")
    var workers: Int = 4

    @Option(help: "Seconds a connection may stay idle before it is closed.")
    var idleTimeout: Double = 300

    @OptionGroup var queue: QueueOptions

    func run() async throws {
        try await self.queue.withService(rules: TaskQueueCommand.rules) { service in try await self.serve(service) }
    }

    private func serve(_ service: QueueService) async throws {
        let (host, port, workerPort, workers, idleTimeout) = (self.host, self.port, self.workerPort, self.workers, self.idleTimeout)
        let queue = self.queue
        // SIGINT/SIGTERM stop accepting and end the process; what was acknowledged is already on disk.
        let failure = Mutex<(any Error)?>(nil)
        let signal = await StopSignals.run {
            do {
                try await QueueServer.run(
                    service: service, host: host, port: port, workerPort: workerPort, workers: workers,
                    idleTimeout: .milliseconds(Int64(idleTimeout * 1000))
                ) { frontDoorPort, workerAddress in
                    print("taskqueue server: clients on \(host):\(frontDoorPort), queue in \(queue.storeDescription), workers on \(workerAddress)"
                        + (workers > 0 ? ", \(workers) local workers" : ""))
                    fflush(nil)
                }
            } catch is CancellationError {
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) {
            FileHandle.standardError.write(Data("taskqueue server: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if let signal { print("taskqueue server: stopped by signal \(signal)") }
    }
}
