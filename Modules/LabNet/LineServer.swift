import LabWire
import NIOCore
import NIOPosix

/// A TCP server for newline-delimited protocols: one request line in, one reply line out.
///
/// Lines are bounded by `maximumLineLength`: an oversized line reaches the handler as
/// `.rejected(.lineTooLong)` so that it can answer with an error while the connection stays
/// usable. Idle connections are closed after `idleTimeout`. Each connection is served by its own
/// task, so a slow request on one connection never holds up another.
///
/// Bind with `LineServer.bind(…)` (port 0 lets the OS choose; read `port` afterwards), then call
/// `run()` in a task; cancelling that task stops accepting and closes every connection.
public struct LineServer: Sendable {
    /// Answers one inbound line (or rejection) with the reply to write back, without its newline,
    /// or nil to send nothing.
    public typealias Handler = @Sendable (LineFrame) async -> ByteBuffer?

    private let listener: NIOAsyncChannel<NIOAsyncChannel<LineFrame, ByteBuffer>, Never>
    private let handler: Handler

    /// The host the server listens on.
    public let host: String
    /// The port the server listens on (the one the OS chose when bound to port 0).
    public let port: Int

    /// Listens on `host:port` for line-protocol clients served by `handler`.
    public static func bind(
        host: String = "127.0.0.1",
        port: Int = 0,
        maximumLineLength: Int = WireLimits.defaultMaximumMessageSize,
        idleTimeout: Duration? = .seconds(300),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        handler: @escaping Handler
    ) async throws -> LineServer {
        let listener: NIOAsyncChannel<NIOAsyncChannel<LineFrame, ByteBuffer>, Never>
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                // A client that half-closes after its requests (`nc -N`, shutdown(SHUT_WR)) still
                // gets every reply: the end of its input ends the connection only once they are sent.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let idleTimeout {
                            let timeout = TimeAmount.nanoseconds(Int64(idleTimeout.seconds * 1e9))
                            try pipeline.addHandler(IdleStateHandler(allTimeout: timeout))
                            try pipeline.addHandler(CloseOnIdleHandler())
                        }
                        try pipeline.addHandler(ByteToMessageHandler(NewlineDelimitedDecoder(maximumLineLength: maximumLineLength)))
                        return try NIOAsyncChannel<LineFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw NetError.bindFailed(host: host, port: port, reason: String(describing: error))
        }
        return LineServer(listener: listener, handler: handler, host: host, port: listener.channel.localAddress?.port ?? port)
    }

    /// Serves connections until the calling task is cancelled; then closes them all.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await self.listener.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await Self.serve(connection, with: self.handler) }
                }
            }
        }
    }

    private static func serve(_ connection: NIOAsyncChannel<LineFrame, ByteBuffer>, with handler: Handler) async {
        try? await connection.executeThenClose { inbound, outbound in
            try await withTaskCancellationHandler {
                for try await frame in inbound {
                    guard var reply = await handler(frame) else { continue }
                    reply.writeInteger(UInt8(ascii: "\n"))
                    try await outbound.write(reply)
                }
            } onCancel: {
                connection.channel.close(promise: nil)
            }
        }
    }
}
