import NIOCore
import NIOPosix

/// Opens TCP connections with a connect timeout and retries with jittered exponential backoff.
public struct TCPConnector: Sendable {
    /// How long one connection attempt may take.
    public var connectTimeout: Duration
    /// How many attempts, and how far apart.
    public var retry: RetryPolicy
    /// The event loops the connection runs on.
    public var group: any EventLoopGroup

    /// Creates a connector; the defaults suit a loopback service that may still be starting.
    public init(
        connectTimeout: Duration = .seconds(2),
        retry: RetryPolicy = RetryPolicy(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.connectTimeout = connectTimeout
        self.retry = retry
        self.group = group
    }

    /// Connects to `host:port`, letting `configure` set up the pipeline and wrap the channel
    /// (typically in an `NIOAsyncChannel`). Throws `NetError.connectFailed` when all attempts fail.
    public func connect<Output: Sendable>(
        host: String,
        port: Int,
        configure: @escaping @Sendable (any Channel) -> EventLoopFuture<Output>
    ) async throws -> Output {
        var lastError = "no attempt made"
        var attempts = 0
        do {
            return try await self.retry.run { attempt in
                attempts = attempt
                do {
                    return try await ClientBootstrap(group: self.group)
                        .connectTimeout(.nanoseconds(Int64(self.connectTimeout.seconds * 1e9)))
                        .channelOption(.socketOption(.tcp_nodelay), value: 1)
                        .connect(host: host, port: port) { channel in configure(channel) }
                } catch {
                    lastError = String(describing: error)
                    throw error
                }
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw NetError.connectFailed(host: host, port: port, attempts: attempts, lastError: lastError)
        }
    }
}
