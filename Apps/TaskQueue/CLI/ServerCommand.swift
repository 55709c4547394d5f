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
            task is in --data/queue.sqlite before it is acknowledged; results also go to
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
        let service = try self.queue.openService()
        let frontDoor = try await FrontDoor.bind(
            service: service, host: self.host, port: self.port,
            idleTimeout: .milliseconds(Int64(self.idleTimeout * 1000)))
        let grpc = try GRPCServerHost(host: self.host, port: self.workerPort, services: [WorkerRPCService(queue: service)])
        let workers = self.workers
        let announcement = "taskqueue server: clients on \(self.host):\(frontDoor.port), data in \(self.queue.data)"
        // SIGINT/SIGTERM stop accepting and end the process; what was acknowledged is already on disk.
        let failure = Mutex<(any Error)?>(nil)
        let signal = await StopSignals.run {
            do {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { try await grpc.serve() }
                    let workerAddress = try await grpc.listeningAddress
                    print("\(announcement), workers on \(workerAddress)\(workers > 0 ? ", \(workers) local workers" : "")")
                    fflush(nil)
                    if workers > 0 {
                        group.addTask { await Worker(name: "worker", concurrency: workers).run(on: LocalWorkSource(queue: service)) }
                    }
                    group.addTask { try await frontDoor.run() }
                    group.addTask {
                        try? await Task.sleep(for: .seconds(365 * 86_400))  // until a stop signal cancels it
                        grpc.beginGracefulShutdown()
                    }
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
