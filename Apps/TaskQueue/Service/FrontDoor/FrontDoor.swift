import LabNet
import TaskQueueCore

/// The task queue's TCP front door: newline-delimited JSON, compatible with the seed client.
/// Each line is answered by one JSON line (see `FrontDoorRequest` and `FrontDoorReply`).
public enum FrontDoor {
    /// Listens on `host:port` (0: a port the OS picks; read the server's `port`) for front-door
    /// clients of `service`. Lines over `maximumLineLength` bytes get an error reply, connections
    /// idle for `idleTimeout` are closed, and a sync submission answers `pending` after
    /// `resultTimeout`. The caller runs the returned server (`run()`) and cancels it to stop.
    public static func bind(
        service: QueueService,
        host: String = "127.0.0.1",
        port: Int,
        maximumLineLength: Int = 64 * 1024,
        idleTimeout: Duration = .seconds(300),
        resultTimeout: Duration = .seconds(60)
    ) async throws -> LineServer {
        let handler = FrontDoorHandler(service: service, resultTimeout: resultTimeout)
        return try await LineServer.bind(
            host: host, port: port, maximumLineLength: maximumLineLength, idleTimeout: idleTimeout,
            handler: { frame in await handler.replyLine(to: frame) })
    }
}
