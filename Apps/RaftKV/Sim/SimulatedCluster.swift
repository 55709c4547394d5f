import Foundation
import LabCheck
import LabRandom
import LabSim
import RaftCore
import RaftKV

/// A whole Raft cluster in one process, in virtual time: Raft cores (the reference or a student's),
/// a seeded unreliable network, crashes that keep exactly what was persisted, clock skew, key-value
/// clients whose history the linearizability checker verifies, and a safety monitor on every step.
/// The same seed replays the same run, event for event.
public final class SimulatedCluster {
    public let options: ClusterOptions
    public internal(set) var now: Duration = .zero
    public internal(set) var trace: Trace
    public var network: SimulatedNetwork
    var members: [NodeID: SimulatedMember] = [:]
    var events = EventQueue<SimulationEvent>()
    var random: SplitMix64
    var safety = SafetyMonitor()
    var clients = ClientPool()
    var commandCounter: UInt64 = 0
    /// Nodes cut off with `disconnect`, which leader checks ignore (as MIT's tests do).
    public internal(set) var disconnected: Set<NodeID> = []
    var nextReadID: UInt64 = 0

    /// The node ids, 1 … `nodeCount`.
    public let ids: [NodeID]

    /// The Raft implementation under test.
    public let nodeType: any RaftNode.Type

    /// A cluster of `options.nodeCount` nodes running `nodeType` (`ReferenceRaft.self` or a student's core).
    public init(_ options: ClusterOptions, node nodeType: any RaftNode.Type = ReferenceRaft.self) {
        self.options = options
        self.nodeType = nodeType
        var random = SplitMix64(seed: options.seed)
        self.network = SimulatedNetwork(conditions: options.network, random: random.split())
        self.random = random
        self.trace = Trace(enabled: options.tracing)
        self.ids = (1...max(options.nodeCount, 1)).map { NodeID($0) }
        for id in self.ids {
            let skew = options.clockSkew * (2 * self.network.unit() - 1)
            self.members[id] = SimulatedMember(id: id, tickPeriod: options.tickInterval * (1 + skew))
            self.start(id)
        }
    }

    // MARK: Running

    /// Runs every event up to `now + duration`.
    public func run(for duration: Duration) {
        let end = self.now + duration
        while let next = self.events.nextTime, next <= end {
            let (time, event) = self.events.popNext()!
            self.now = time
            self.handle(event)
        }
        self.now = end
    }

    /// Runs until `condition` holds (checked after every event) or `limit` passes; returns whether it held.
    @discardableResult
    public func run(until condition: () -> Bool, limit: Duration) -> Bool {
        let end = self.now + limit
        if condition() { return true }
        while let next = self.events.nextTime, next <= end {
            let (time, event) = self.events.popNext()!
            self.now = time
            self.handle(event)
            if condition() { return true }
        }
        self.now = end
        return condition()
    }

    private func handle(_ event: SimulationEvent) {
        switch event {
        case .tick(let id, let incarnation):
            guard let member = self.members[id], member.incarnation == incarnation, member.core != nil else { return }
            if !member.paused {
                self.members[id]!.core!.tick()
                self.processReady(of: id)
            }
            self.events.schedule(.tick(id, incarnation: incarnation), at: self.now + member.tickPeriod)
        case .deliver(let message):
            guard self.members[message.to]?.isUp == true else { return }
            self.trace.record(self.now, node: message.to, "recv \(message)")
            self.members[message.to]!.core!.step(message)
            self.processReady(of: message.to)
        case .request(let request, let node):
            self.serve(request, at: node)
        case .reply(let reply):
            self.clientReceives(reply)
        case .clientTimeout(let client, let attempt):
            self.clientTimedOut(client, attempt: attempt)
        case .clientRetry(let client, let attempt):
            self.clientRetries(client, attempt: attempt)
        }
    }

    // MARK: Nodes

    /// Starts (or restarts) a node from what it persisted.
    func start(_ id: NodeID) {
        var member = self.members[id]!
        member.incarnation += 1
        member.paused = false
        member.confirmedReads.removeAll()
        let voters = Set(self.ids.prefix(self.options.initialVoterCount ?? self.ids.count))
        let settings = self.options.settings(for: id, voters: voters.contains(id) ? voters : [], incarnation: member.incarnation)
        member.core = self.nodeType.init(settings: settings, restoring: member.persisted)
        member.store = KVStateMachine()
        member.appliedIndex = member.persisted.snapshot?.index ?? 0
        if let snapshot = member.persisted.snapshot {
            do {
                member.store = try KVStateMachine(snapshot: snapshot.data)
            } catch {
                self.safety.record("node \(id) could not restore its snapshot: \(error)")
            }
        }
        self.members[id] = member
        self.trace.record(self.now, node: id, "start (incarnation \(member.incarnation), \(member.persisted.hardState), "
            + "\(member.persisted.entries.count) entries, snapshot \(member.persisted.snapshot?.index ?? 0))")
        self.events.schedule(.tick(id, incarnation: member.incarnation), at: self.now + member.tickPeriod)
        self.processReady(of: id)
    }

    /// Follows the `RaftReady` contract: persist, send, apply, serve confirmed reads.
    func processReady(of id: NodeID) {
        guard var core = self.members[id]?.core else { return }
        let ready = core.takeReady()
        self.members[id]!.core = core
        if ready.isEmpty { return }
        self.members[id]!.persisted.persist(ready)
        if let change = ready.roleChange {
            self.trace.record(self.now, node: id, "becomes \(change.role) in term \(change.term)"
                + (change.leader.map { ", leader \($0)" } ?? ""))
            if change.role == .leader { self.safety.observeLeader(id, term: change.term) }
        }
        for message in ready.messages { self.transmit(message) }
        if let snapshot = ready.snapshot { self.restore(snapshot, on: id) }
        for entry in ready.committedEntries { self.apply(entry, on: id) }
        self.members[id]!.confirmedReads.append(contentsOf: ready.readStates)
        self.serveConfirmedReads(on: id)
        self.compactIfDue(id)
    }

    private func transmit(_ message: RaftMessage) {
        let bytes = Self.approximateSize(of: message)
        for delay in self.network.route(from: message.from, to: message.to, bytes: bytes) {
            self.events.schedule(.deliver(message), at: self.now + delay)
        }
    }

    private func restore(_ snapshot: Snapshot, on id: NodeID) {
        do {
            self.members[id]!.store = try KVStateMachine(snapshot: snapshot.data)
            self.members[id]!.appliedIndex = snapshot.index
            self.trace.record(self.now, node: id, "installs \(snapshot)")
        } catch {
            self.safety.record("node \(id) could not install \(snapshot): \(error)")
        }
    }

    private func apply(_ entry: LogEntry, on id: NodeID) {
        self.safety.observeApply(entry, by: id, after: self.members[id]!.appliedIndex)
        self.members[id]!.appliedIndex = entry.index
        var result: KVResult?
        if case .command(let data) = entry.payload {
            do {
                result = self.members[id]!.store.apply(try KVCommand.decode(data), at: entry.index)
            } catch {
                self.safety.record("node \(id) could not decode entry \(entry.index): \(error)")
            }
        }
        self.answerWrite(at: entry, result: result, on: id)
    }

    private func compactIfDue(_ id: NodeID) {
        guard let interval = self.options.snapshotInterval, let member = self.members[id], var core = member.core else { return }
        let applied = member.appliedIndex
        guard applied >= core.status.snapshotIndex + LogIndex(interval) else { return }
        do {
            let snapshot = try core.compact(through: applied, data: member.store.snapshot())
            self.members[id]!.core = core
            self.members[id]!.persisted.compact(to: snapshot)
        } catch {
            self.safety.record("node \(id) could not compact through \(applied): \(error)")
        }
    }

    static func approximateSize(of message: RaftMessage) -> Int {
        switch message.payload {
        case .append(let request): return 48 + request.entries.reduce(0) { $0 + $1.byteCount }
        case .installSnapshot(let snapshot): return 48 + snapshot.data.count
        default: return 32
        }
    }

    // MARK: Looking inside

    /// The status of every running node.
    public var statuses: [RaftStatus] { self.ids.compactMap { self.members[$0]?.core?.status } }

    public func status(of id: NodeID) -> RaftStatus? { self.members[id]?.core?.status }

    public func isUp(_ id: NodeID) -> Bool { self.members[id]?.isUp == true }

    /// The safety violations seen so far (empty in a correct run).
    public var violations: [String] { self.safety.violations }

    /// The key-value store of a node, to compare replicas.
    public func store(of id: NodeID) -> KVStateMachine? { self.members[id]?.store }

    /// What node `id` persisted.
    public func persistedState(of id: NodeID) -> PersistentState? { self.members[id]?.persisted }

    public var networkStatistics: NetworkStatistics { self.network.statistics }

    /// Writes the timeline to `path`.
    @discardableResult
    public func writeTrace(to path: String) throws -> String { try self.trace.write(to: path) }

    /// Adds a line to the timeline (a test's own milestones).
    public func note(_ text: String) { self.trace.record(self.now, text) }
}
