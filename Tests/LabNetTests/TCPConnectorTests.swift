import Foundation
import LabNet
import LabWire
import NIOCore
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback port held by a socket that is bound but never listens: connections to it are
/// refused, no other test can be given it, and a `LineServer` (which sets SO_REUSEADDR too) can
/// still bind and listen on it later.
final class ReservedPort: Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        #if canImport(Darwin)
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { throw ReservationFailed(step: "socket", errno: errno) }
        var one: Int32 = 1
        guard setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            close(descriptor)
            throw ReservationFailed(step: "setsockopt", errno: errno)
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw ReservationFailed(step: "bind", errno: errno)
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(self.descriptor) }

    struct ReservationFailed: Error {
        var step: String
        var errno: Int32
    }
}

/// Counts calls from any thread.
final class Counter: Sendable {
    private let value = Mutex(0)
    /// Adds one and returns the new count.
    func increment() -> Int { self.value.withLock { $0 += 1; return $0 } }
    var count: Int { self.value.withLock { $0 } }
}

/// Wraps a freshly connected channel for the line protocol, as `LineClient` does.
@Sendable
func lineChannel(_ channel: any Channel) -> EventLoopFuture<NIOAsyncChannel<LineFrame, ByteBuffer>> {
    channel.eventLoop.makeCompletedFuture {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NewlineDelimitedDecoder()))
        return try NIOAsyncChannel<LineFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
    }
}

/// Retries that are fast enough for a test.
func quickRetries(_ attempts: Int) -> RetryPolicy {
    RetryPolicy(
        maximumAttempts: attempts,
        backoff: ExponentialBackoff(initialDelay: .milliseconds(1), maximumDelay: .milliseconds(5))
    )
}

@Suite("TCPConnector")
struct TCPConnectorTests {
    @Test("nothing listening: connectFailed names the host, the port and every attempt the policy allowed")
    func nothingListening() async throws {
        let reserved = try ReservedPort()
        let attempts = Counter()
        let connector = TCPConnector(connectTimeout: .seconds(5), retry: quickRetries(4))
        let error = await #expect(throws: NetError.self) {
            _ = try await connector.connect(host: "127.0.0.1", port: reserved.port) { channel in
                _ = attempts.increment()
                return lineChannel(channel)
            }
        }
        guard case .connectFailed(let host, let port, let reported, let lastError) = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1")
        #expect(port == reserved.port)
        #expect(reported == 4)
        #expect(attempts.count == 4, "one connection attempt per try")
        #expect(lastError.lowercased().contains("refused"), "\(lastError)")
        let message = String(describing: error!)
        #expect(message.contains("127.0.0.1:\(reserved.port)"), "\(message)")
        #expect(message.contains("after 4 attempt(s)"), "\(message)")
    }

    @Test("LineClient reports the same failure through its connector")
    func lineClientNothingListening() async throws {
        let reserved = try ReservedPort()
        let error = await #expect(throws: NetError.self) {
            try await LineClient.withConnection(
                host: "127.0.0.1", port: reserved.port, connector: TCPConnector(retry: quickRetries(2))
            ) { _ in }
        }
        guard case .connectFailed("127.0.0.1", reserved.port, 2, _) = error else {
            Issue.record("expected connectFailed after 2 attempts, got \(String(describing: error))")
            return
        }
    }

    @Test("a server that starts listening after the first attempt failed is reached by a retry")
    func serverStartingLateIsReached() async throws {
        let reserved = try ReservedPort()
        let attempts = Counter()
        let (boundServers, serverBound) = AsyncStream.makeStream(of: LineServer.self)
        let connector = TCPConnector(connectTimeout: .seconds(5), retry: quickRetries(5))
        let port = reserved.port

        // Each attempt initializes its channel before connecting it. Attempt 1 fails, as nothing
        // listens; attempt 2 binds the server first, so its connection is made to a listening port.
        let channel = try await connector.connect(host: "127.0.0.1", port: port) { channel in
            guard attempts.increment() == 2 else { return lineChannel(channel) }
            let listening = channel.eventLoop.makePromise(of: Void.self)
            listening.completeWithTask {
                defer { serverBound.finish() }
                serverBound.yield(try await LineServer.bind(port: port, handler: echoHandler()))
            }
            return listening.futureResult.flatMap { lineChannel(channel) }
        }
        var servers = boundServers.makeAsyncIterator()
        let server = try #require(await servers.next())
        #expect(server.port == port)
        #expect(attempts.count == 2)

        let running = Task { try await server.run() }
        defer { running.cancel() }
        let reply = try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "late\n"))
            var lines = inbound.makeAsyncIterator()
            return try await lines.next()
        }
        #expect(reply == .line(ByteBuffer(string: "echo late")))
    }
}
