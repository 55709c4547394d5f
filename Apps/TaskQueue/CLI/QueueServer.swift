import LabNet
import TaskQueueService

/// The server's parts over one queue: the client front door, the gRPC service for remote workers
/// and an optional local worker pool. `taskqueue server` runs them, and `taskqueue bench` starts
/// them in-process, assembled the same way.
enum QueueServer {
    /// Rebuilds the result documents a machine crash lost (`QueueService.repairResultDocuments`),
    /// then binds the front door of `service` to `host:port` and its worker service to `host:workerPort`
    /// (0: a port the OS picks), and serves until the calling task is cancelled. `ready` gets the
    /// front door's port and the worker service's address once both listen, before the local pool
    /// (`workers` slots, 0 for none) starts. With `logTasks` false the pool logs only problems,
    /// not a line per task.
    static func run(
        service: QueueService, host: String, port: Int, workerPort: Int, workers: Int, idleTimeout: Duration,
        logTasks: Bool = true, ready: (_ frontDoorPort: Int, _ workerAddress: GRPCServerHost.Address) -> Void
    ) async throws {
        try await service.repairResultDocuments()
        let frontDoor = try await FrontDoor.bind(service: service, host: host, port: port, idleTimeout: idleTimeout)
        let grpc = try GRPCServerHost(host: host, port: workerPort, services: [WorkerRPCService(queue: service)])
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await grpc.serve() }
            ready(frontDoor.port, try await grpc.listeningAddress)
            if workers > 0 {
                var pool = Worker(name: "worker", concurrency: workers)
                if !logTasks { pool.logger.logLevel = .warning }
                group.addTask { await pool.run(on: LocalWorkSource(queue: service)) }
            }
            group.addTask { try await frontDoor.run() }
            group.addTask {
                try? await Task.sleep(for: .seconds(365 * 86_400))  // until cancellation stops the server
                grpc.beginGracefulShutdown()
            }
        }
    }
}
