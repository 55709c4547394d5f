import GRPCCore
import GRPCNIOTransportHTTP2

/// How a lab process reaches one gRPC server: plaintext HTTP/2 to `host:port`, with a default
/// deadline on every RPC.
///
/// ```swift
/// let peer = GRPCClientConnection(host: "127.0.0.1", port: 50051)
/// let reply = try await peer.withClient { client in
///     try await Raft_V1_Raft.Client(wrapping: client).appendEntries(request)
/// }
/// ```
///
/// The default deadline applies to every RPC, streams included, unless the call's `CallOptions`
/// set a `timeout` of their own, which wins; give long-lived streams a long timeout or use a
/// connection with `defaultTimeout: nil`. RPCs fail fast (`UNAVAILABLE`) when the server can't be
/// reached rather than waiting for it, unless the call sets `waitForReady`.
public struct GRPCClientConnection: Sendable, CustomStringConvertible {
    /// The deadline given to RPCs that don't set one, unless the connection says otherwise.
    public static let defaultTimeout: Duration = .seconds(5)

    /// The server's IP address or host name.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The deadline of every RPC whose `CallOptions` don't set a `timeout`; `nil`: none.
    public var defaultTimeout: Duration?
    /// The largest message accepted from the server (and sent to it), in bytes; `nil`: gRPC's
    /// default of 4 MiB.
    public var maxMessageBytes: Int?
    /// Frame and window sizes; `nil`: gRPC's defaults (right for small messages).
    public var http2: HTTP2Tuning?

    /// Describes a connection to `host`:`port` whose RPCs get `defaultTimeout` as their deadline.
    public init(
        host: String, port: Int, defaultTimeout: Duration? = GRPCClientConnection.defaultTimeout,
        maxMessageBytes: Int? = nil, http2: HTTP2Tuning? = nil
    ) {
        self.host = host
        self.port = port
        self.defaultTimeout = defaultTimeout
        self.maxMessageBytes = maxMessageBytes
        self.http2 = http2
    }

    /// `host:port`, with an IPv6 host in brackets.
    public var description: String {
        GRPCServerHost.Address(host: self.host, port: self.port).description
    }

    /// Makes a client for this connection. It does nothing until you run its
    /// `runConnections()` in a task, and stops once you call its `beginGracefulShutdown()`.
    ///
    /// Prefer ``withClient(isolation:_:)``, which does both; use this for a client that lives
    /// as long as a service does.
    ///
    /// - Throws: ``GRPCClientConnectionError`` if the host or port is unusable.
    public func makeClient() throws(GRPCClientConnectionError) -> GRPCClient<HTTP2ClientTransport.Posix> {
        guard !self.host.isEmpty else {
            throw .invalidHost(self.host)
        }
        guard (1...65_535).contains(self.port) else {
            throw .invalidPort(self.port, host: self.host)
        }
        let methodDefaults = MethodConfig(
            names: [MethodConfig.Name(service: "")],
            timeout: self.defaultTimeout,
            maxRequestMessageBytes: self.maxMessageBytes,
            maxResponseMessageBytes: self.maxMessageBytes
        )
        let transport: HTTP2ClientTransport.Posix
        do {
            transport = try HTTP2ClientTransport.Posix(
                target: .dns(host: self.host, port: self.port),
                transportSecurity: .plaintext,
                config: .defaults { config in
                    if let http2 = self.http2 {
                        config.http2.maxFrameSize = http2.maxFrameBytes
                        config.http2.targetWindowSize = http2.windowBytes
                    }
                },
                serviceConfig: ServiceConfig(methodConfig: [methodDefaults])
            )
        } catch {
            throw .transportUnavailable(self.description, reason: "\(error)")
        }
        return GRPCClient(transport: transport)
    }

    /// Runs a client for this connection for the duration of `body`, then shuts it down: gracefully
    /// if `body` returns (in-flight RPCs finish), abruptly if it throws.
    ///
    /// - Returns: What `body` returns.
    /// - Throws: ``GRPCClientConnectionError`` if the client can't be made, or what `body` throws
    ///   (an `RPCError` for a failed RPC).
    public func withClient<Result: Sendable>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> Result
    ) async throws -> Result {
        let client = try self.makeClient()
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await client.runConnections() }
            defer { client.beginGracefulShutdown() }
            return try await body(client)
        }
    }
}

/// Why a ``GRPCClientConnection`` could not make a client.
public enum GRPCClientConnectionError: Error, CustomStringConvertible {
    /// The host is empty.
    case invalidHost(String)
    /// The port is not in 1...65535.
    case invalidPort(Int, host: String)
    /// The gRPC transport could not be set up for the address.
    case transportUnavailable(String, reason: String)

    /// A message naming the problem and the address concerned.
    public var description: String {
        switch self {
        case .invalidHost(let host):
            "invalid gRPC server host '\(host)': expected an IP address or a host name"
        case .invalidPort(let port, let host):
            "invalid gRPC server port \(port) for host '\(host)': expected 1...65535"
        case .transportUnavailable(let address, let reason):
            "cannot set up a gRPC client for \(address): \(reason)"
        }
    }
}
