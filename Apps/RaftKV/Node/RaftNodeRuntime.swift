import Logging
import RaftCore
import RaftKV
import RaftWire
import RaftStorage
import Synchronization

/// One running Raft member: a loop that owns the core, fed by the peer service, the client service
/// and a ticker. Inputs that arrive while the loop is busy (persisting, usually) are handled together
/// in the next iteration, so one durable write covers them all.
public final class RaftNodeRuntime: Sendable {
    public let configuration: NodeConfiguration
    private let inbox = Mutex<[NodeInput]>([])
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let logger: Logger

    public init(configuration: NodeConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        (self.wakeups, self.wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func submit(_ input: NodeInput) {
        self.inbox.withLock { $0.append(input) }
        self.wake.yield()
    }

    /// Delivers messages from a peer.
    func receive(_ messages: [RaftMessage]) {
        guard !messages.isEmpty else { return }
        self.submit(.messages(messages))
    }

    /// Runs a client's command (proposes a write, or reads: linearizably through ReadIndex, or
    /// stale) and calls `reply` with its outcome, from the node's loop: no task waits for it.
    public func execute(_ command: KVCommand, consistency: ReadConsistency, reply: @escaping @Sendable (ExecuteOutcome) -> Void) {
        self.submit(.execute(command, consistency, reply))
    }

    public func status() async -> RaftStatus {
        await withCheckedContinuation { self.submit(.status($0)) }
    }

    /// Proposes a membership change and waits until it is committed.
    public func changeMembership(_ change: MembershipChange) async -> Result<Membership, RaftError> {
        await withCheckedContinuation { self.submit(.changeMembership(change, $0)) }
    }

    public func transferLeadership(to target: NodeID) async -> Result<Void, RaftError> {
        await withCheckedContinuation { self.submit(.transferLeadership(target, $0)) }
    }

    /// Runs the loop and the ticker until cancelled; messages go out through `send`.
    public func run(storage: RaftDiskStorage, send: @escaping @Sendable ([RaftMessage]) -> Void) async throws {
        var loop = try NodeLoop(configuration: self.configuration, storage: storage, logger: self.logger)
        try loop.processReady(send: send)
        let tickInterval = self.configuration.tickInterval
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: tickInterval)
                    self.submit(.tick)
                }
            }
            defer { group.cancelAll() }
            for await _ in self.wakeups {
                let inputs = self.inbox.withLock { inbox in
                    defer { inbox.removeAll(keepingCapacity: true) }
                    return inbox
                }
                for input in inputs { loop.handle(input) }
                do {
                    try loop.processReady(send: send)
                } catch {
                    // Without its disk a node must not answer anyone: stop rather than risk safety.
                    self.logger.critical("cannot persist Raft state, stopping: \(error)")
                    loop.abandonAll()
                    throw error
                }
            }
            loop.abandonAll()
        }
    }
}
