import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import NIOCore
import Synchronization

/// A gRPC server set up the way every lab process runs one: HTTP/2 in plaintext on one host and
/// port (port 0: the OS chooses), serving the given services plus the standard health service.
///
/// Every service given, and the health service itself, is registered in ``health`` as `.serving`
/// unless the registry already holds a status for it, as does the server as a whole (`""`).
///
/// ```swift
/// let host = try GRPCServerHost(port: 0, services: [RaftService()])
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { try await host.serve() }
///     print("listening on \(try await host.listeningAddress)")
///     // ... later, e.g. on SIGTERM:
///     host.beginGracefulShutdown()
/// }
/// ```
/// For a server that lives exactly as long as a piece of code, use ``withGRPCServerHost(host:port:services:health:shutdownGracePeriod:maxMessageBytes:http2:logger:isolation:_:)``.
public final class GRPCServerHost: Sendable {
    /// An IP address and port, e.g. `127.0.0.1:50051` or `[::1]:50051`.
    public struct Address: Sendable, Hashable, CustomStringConvertible {
        /// The IP address as text (a host name, in a requested address that gave one).
        public var host: String
        /// The TCP port.
        public var port: Int

        /// Makes an address from an IP address (or host name) and a port.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// `host:port`, with an IPv6 host in brackets.
        public var description: String {
            self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
        }
    }

    /// The statuses the health service reports; set them as the process's state changes.
    public let health: HealthStatusRegistry

    /// The address asked for, port 0 included; ``listeningAddress`` is the one bound.
    public let requestedAddress: Address

    /// How long ``serve()`` lets in-flight RPCs finish after ``beginGracefulShutdown()`` before
    /// it stops the server abruptly.
    public let shutdownGracePeriod: Duration

    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let shutdownSignal: AsyncStream<Void>
    private let shutdownTrigger: AsyncStream<Void>.Continuation
    private let logger: Logger
    private let hasServed = Mutex(false)

    /// Makes a server that will listen on `host`:`port` once ``serve()`` runs.
    ///
    /// - Parameters:
    ///   - host: An IP address or a host name that resolves to one (`"0.0.0.0"` for every IPv4 interface).
    ///   - port: The TCP port; 0 lets the OS choose (read it back from ``listeningAddress``).
    ///   - services: The services to offer, besides the health service.
    ///   - health: The registry the health service reports from.
    ///   - shutdownGracePeriod: How long a graceful shutdown may take before RPCs are cut off.
    ///   - maxMessageBytes: The largest request message accepted; `nil`: gRPC's default of 4 MiB.
    ///   - http2: Frame and window sizes; `nil`: gRPC's defaults (right for small messages).
    ///   - logger: Where the bound address, failures and the stop are logged.
    /// - Throws: ``GRPCServerHostError`` if the port is out of range or the host doesn't resolve.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        services: [any RegistrableRPCService],
        health: HealthStatusRegistry = HealthStatusRegistry(),
        shutdownGracePeriod: Duration = .seconds(5),
        maxMessageBytes: Int? = nil,
        http2: HTTP2Tuning? = nil,
        logger: Logger = Logger(label: "LabNet.GRPCServerHost")
    ) throws(GRPCServerHostError) {
        guard (0...65_535).contains(port) else {
            throw .invalidPort(port)
        }
        let resolved: NIOCore.SocketAddress
        do {
            resolved = try NIOCore.SocketAddress.makeAddressResolvingHost(host, port: port)
        } catch {
            throw .unresolvableHost(host, reason: "\(error)")
        }
        guard let ip = resolved.ipAddress else {
            throw .unresolvableHost(host, reason: "it does not resolve to an IP address")
        }
        let bindAddress: GRPCNIOTransportCore.SocketAddress =
            if case .v6 = resolved { .ipv6(host: ip, port: port) } else { .ipv4(host: ip, port: port) }

        var router = RPCRouter<HTTP2ServerTransport.Posix>()
        for service in services + [HealthService(registry: health)] {
            service.registerMethods(with: &router)
        }
        for name in Set(router.methods.map(\.service.fullyQualifiedService)) {
            health.setStatusIfAbsent(.serving, forService: name)
        }

        self.health = health
        self.requestedAddress = Address(host: host, port: port)
        self.shutdownGracePeriod = shutdownGracePeriod
        self.logger = logger
        self.server = GRPCServer(
            transport: HTTP2ServerTransport.Posix(
                address: bindAddress,
                transportSecurity: .plaintext,
                config: .defaults { config in
                    if let maxMessageBytes { config.rpc.maxRequestPayloadSize = maxMessageBytes }
                    if let http2 {
                        config.http2.maxFrameSize = http2.maxFrameBytes
                        config.http2.targetWindowSize = http2.windowBytes
                    }
                }
            ),
            router: router
        )
        (self.shutdownSignal, self.shutdownTrigger) = AsyncStream.makeStream(of: Void.self)
    }

    /// The address the server is bound to, once it is; waits for ``serve()`` to bind.
    ///
    /// - Throws: ``GRPCServerHostError/notListening(_:reason:)`` if binding failed or the server
    ///   has stopped.
    public var listeningAddress: Address {
        get async throws(GRPCServerHostError) {
            let bound: GRPCNIOTransportCore.SocketAddress
            do {
                bound = try await self.server.transport.listeningAddress
            } catch {
                throw .notListening(self.requestedAddress, reason: "\(error)")
            }
            if let v4 = bound.ipv4 {
                return Address(host: v4.host, port: v4.port)
            } else if let v6 = bound.ipv6 {
                return Address(host: v6.host, port: v6.port)
            }
            throw .notListening(self.requestedAddress, reason: "bound to a non-IP address \(bound)")
        }
    }

    /// Binds, serves RPCs, and returns once the server has stopped after ``beginGracefulShutdown()``.
    ///
    /// Call it once. Cancelling the calling task stops the server abruptly; `serve()` then returns.
    ///
    /// - Throws: ``GRPCServerHostError/serveFailed(_:reason:)`` if the server can't bind or fails.
    public func serve() async throws(GRPCServerHostError) {
        let isFirstCall = self.hasServed.withLock { served in
            defer { served = true }
            return !served
        }
        guard isFirstCall else {
            throw .serveFailed(self.requestedAddress, reason: "serve() was already called on this server")
        }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await self.server.serve()
                }
                group.addTask {
                    if let bound = try? await self.listeningAddress {
                        self.logger.info("gRPC server listening", metadata: ["address": "\(bound)"])
                    }
                    for await _ in self.shutdownSignal {}
                    guard (try? await Task.sleep(for: self.shutdownGracePeriod)) != nil else { return }
                    self.logger.warning(
                        "gRPC server did not drain in time; stopping it",
                        metadata: ["gracePeriod": "\(self.shutdownGracePeriod)"]
                    )
                }
                // Whichever ends first: the server (stopped or failed), or the grace period.
                try await group.next()
                group.cancelAll()
            }
        } catch where Task.isCancelled {
            self.logger.info("gRPC server stopped: cancelled", metadata: ["address": "\(self.requestedAddress)"])
            return
        } catch {
            self.logger.error("gRPC server failed", metadata: ["error": "\(error)"])
            throw .serveFailed(self.requestedAddress, reason: "\(error)")
        }
        self.logger.info("gRPC server stopped", metadata: ["address": "\(self.requestedAddress)"])
    }

    /// Stops accepting new RPCs, reports every service `.notServing`, ends Watch streams and lets
    /// in-flight RPCs finish (for at most ``shutdownGracePeriod``); ``serve()`` then returns.
    public func beginGracefulShutdown() {
        self.health.enterTerminalState()
        self.server.beginGracefulShutdown()
        self.shutdownTrigger.finish()
    }
}

/// Runs a ``GRPCServerHost`` for the duration of `body`: starts it, waits until it is bound,
/// passes it to `body`, then shuts it down (gracefully if `body` returns, abruptly if it throws)
/// and waits until it has stopped.
///
/// The parameters are those of ``GRPCServerHost/init(host:port:services:health:shutdownGracePeriod:logger:)``.
///
/// - Returns: What `body` returns.
/// - Throws: ``GRPCServerHostError`` if the server can't start or fails, or what `body` throws.
public func withGRPCServerHost<Result: Sendable>(
    host: String = "127.0.0.1",
    port: Int = 0,
    services: [any RegistrableRPCService],
    health: HealthStatusRegistry = HealthStatusRegistry(),
    shutdownGracePeriod: Duration = .seconds(5),
    maxMessageBytes: Int? = nil,
    http2: HTTP2Tuning? = nil,
    logger: Logger = Logger(label: "LabNet.GRPCServerHost"),
    isolation: isolated (any Actor)? = #isolation,
    _ body: (GRPCServerHost) async throws -> Result
) async throws -> Result {
    let server = try GRPCServerHost(
        host: host,
        port: port,
        services: services,
        health: health,
        shutdownGracePeriod: shutdownGracePeriod,
        maxMessageBytes: maxMessageBytes,
        http2: http2,
        logger: logger
    )
    return try await withThrowingDiscardingTaskGroup { group in
        group.addTask { try await server.serve() }
        defer { server.beginGracefulShutdown() }
        _ = try await server.listeningAddress
        return try await body(server)
    }
}

/// Why a ``GRPCServerHost`` could not be made or could not serve.
public enum GRPCServerHostError: Error, CustomStringConvertible {
    /// The port is not in 0...65535.
    case invalidPort(Int)
    /// The host is neither an IP address nor a name that resolves to one.
    case unresolvableHost(String, reason: String)
    /// The server could not bind its address, or failed while serving.
    case serveFailed(GRPCServerHost.Address, reason: String)
    /// The server is not bound: binding failed, or it has stopped.
    case notListening(GRPCServerHost.Address, reason: String)

    /// A message naming the problem and the address concerned.
    public var description: String {
        switch self {
        case .invalidPort(let port):
            "invalid gRPC server port \(port): expected 0...65535 (0 lets the OS choose)"
        case .unresolvableHost(let host, let reason):
            "cannot listen on host '\(host)': \(reason)"
        case .serveFailed(let address, let reason):
            "gRPC server on \(address) failed: \(reason)"
        case .notListening(let address, let reason):
            "gRPC server on \(address) is not listening: \(reason)"
        }
    }
}
