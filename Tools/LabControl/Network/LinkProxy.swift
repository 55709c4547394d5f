import NIOCore
import NIOPosix
import Synchronization

/// One link's TCP proxy: accepts the connections `from` opens to `to` on `listenPort`, opens one
/// to the real port for each, and forwards both directions chunk by chunk under the conditions
/// of the flows they belong to (`from->to` one way, `to->from` the other).
final class LinkProxy: Sendable {
    let spec: LinkSpec
    private let faults: FaultTable
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let counters = Mutex<(connections: Int, bytes: Int64)>((0, 0))

    private init(spec: LinkSpec, faults: FaultTable, server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) {
        self.spec = spec
        self.faults = faults
        self.server = server
    }

    /// Binds the link's port on loopback.
    static func bind(_ spec: LinkSpec, faults: FaultTable) async throws -> LinkProxy {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: spec.listenPort) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return LinkProxy(spec: spec, faults: faults, server: server)
    }

    /// The link as `labctl status` shows it.
    var status: LinkStatus {
        let counters = self.counters.withLock { $0 }
        return LinkStatus(link: self.spec, connections: counters.connections, bytes: counters.bytes)
    }

    /// Accepts and relays connections until cancelled.
    func serve() async {
        await withDiscardingTaskGroup { group in
            try? await self.server.executeThenClose { inbound in
                for try await connection in inbound {
                    group.addTask { await self.relay(connection) }
                }
            }
        }
    }

    private func relay(_ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        self.counters.withLock { $0.connections += 1 }
        defer { self.counters.withLock { $0.connections -= 1 } }
        let forward = Flow(from: self.spec.from, to: self.spec.to)
        let backward = Flow(from: self.spec.to, to: self.spec.from)
        do {
            let upstream = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: self.spec.targetPort) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            try await client.executeThenClose { clientIn, clientOut in
                try await upstream.executeThenClose { upstreamIn, upstreamOut in
                    try await withThrowingTaskGroup { group in
                        group.addTask { try await self.pump(clientIn, into: upstreamOut, as: forward) }
                        group.addTask { try await self.pump(upstreamIn, into: clientOut, as: backward) }
                        // One side closed or the link cut the connection: close both.
                        try await group.next()
                        group.cancelAll()
                    }
                }
            }
        } catch {
            try? await client.channel.close()
        }
    }

    /// Forwards one direction. Reading stops while the flow is blocked, so the sender feels
    /// back-pressure as in a real partition; delayed chunks keep their order.
    private func pump(
        _ input: NIOAsyncChannelInboundStream<ByteBuffer>, into output: NIOAsyncChannelOutboundWriter<ByteBuffer>, as flow: Flow
    ) async throws {
        let (queue, sink) = AsyncStream<(ContinuousClock.Instant, ByteBuffer)>.makeStream()
        try await withThrowingTaskGroup { group in
            group.addTask {
                defer { sink.finish() }
                for try await buffer in input {
                    try await self.waitWhileBlocked(flow)
                    sink.yield((.now, buffer))
                }
            }
            group.addTask {
                var lastDue = ContinuousClock.now
                for await (arrived, buffer) in queue {
                    try await self.waitWhileBlocked(flow)
                    let conditions = self.faults.conditions(for: flow)
                    if self.faults.shouldDrop(conditions) { throw LinkCut() }
                    let due = max(lastDue, arrived + self.faults.delay(for: conditions))
                    if due > .now { try await Task.sleep(until: due) }
                    lastDue = due
                    try await output.write(buffer)
                    self.counters.withLock { $0.bytes += Int64(buffer.readableBytes) }
                    if let rate = conditions.bytesPerSecond, rate > 0 {
                        try await Task.sleep(for: .microseconds(Int64(buffer.readableBytes) * 1_000_000 / Int64(rate)))
                    }
                }
            }
            // The writer drains what the reader queued before the input ended; a failure of
            // either ends both (leaving the group by throwing cancels the other).
            for try await _ in group {}
        }
    }

    private func waitWhileBlocked(_ flow: Flow) async throws {
        while self.faults.conditions(for: flow).blocked { try await Task.sleep(for: .milliseconds(10)) }
    }
}

/// A connection cut by a lossy link.
struct LinkCut: Error {}

/// A link and its traffic, as `labctl status` lists it.
public struct LinkStatus: Codable, Sendable, Equatable {
    public var link: LinkSpec
    /// Connections open through it now.
    public var connections: Int
    /// Bytes forwarded so far, both directions.
    public var bytes: Int64
}
