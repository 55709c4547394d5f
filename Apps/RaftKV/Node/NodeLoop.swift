import Foundation
import Logging
import RaftCore
import RaftKV
import RaftWire
import RaftStorage

/// The state a node's loop owns alone: the Raft core, the key-value store and the requests waiting
/// for an answer. Each iteration handles a batch of inputs, then follows the `RaftReady` contract:
/// persist (one transaction), send, apply, answer.
struct NodeLoop {
    private var core: any RaftNode
    private var store: KVStateMachine
    private var applied: LogIndex
    private let storage: RaftDiskStorage
    private var durableWrites: DurableWrites
    private let snapshotInterval: Int
    private let requestTimeoutTicks: Int
    private let logger: Logger
    private var ticks = 0
    private var nextReadID: UInt64 = 0
    private var pendingWrites: [LogIndex: PendingWrite] = [:]
    private var pendingReads: [UInt64: PendingRead] = [:]
    private var confirmedReads: [ReadState] = []
    private var pendingMembership: [LogIndex: (term: Term, reply: CheckedContinuation<Result<Membership, RaftError>, Never>)] = [:]

    private struct PendingWrite {
        var term: Term
        var deadline: Int
        var reply: ExecuteReply
    }

    private struct PendingRead {
        var operation: KVOperation
        var deadline: Int
        var reply: ExecuteReply
    }

    init(configuration: NodeConfiguration, storage: RaftDiskStorage, logger: Logger) throws {
        let persisted = try storage.load()
        self.core = configuration.core.init(settings: configuration.raftSettings, restoring: persisted)
        self.store = try persisted.snapshot.map { try KVStateMachine(snapshot: $0.data) } ?? KVStateMachine()
        self.applied = persisted.snapshot?.index ?? 0
        self.storage = storage
        self.durableWrites = DurableWrites(persisted: persisted.hardState)
        self.snapshotInterval = configuration.snapshotInterval
        self.requestTimeoutTicks = max(1, Int(Duration.seconds(5) / configuration.tickInterval))
        self.logger = logger
        logger.info("recovered from \(storage.path): \(persisted.hardState), snapshot \(persisted.snapshot?.index ?? 0), \(persisted.entries.count) entries")
    }

    var status: RaftStatus { self.core.status }

    mutating func handle(_ input: NodeInput) {
        switch input {
        case .tick:
            self.ticks += 1
            self.core.tick()
            if self.ticks % 10 == 0 { self.expireRequests() }
        case .messages(let messages):
            for message in messages { self.core.step(message) }
        case .execute(let command, let consistency, let reply):
            self.execute(command, consistency: consistency, reply: reply)
        case .status(let reply):
            reply.resume(returning: self.core.status)
        case .changeMembership(let change, let reply):
            do {
                let position = try self.core.proposeMembershipChange(change)
                let lost = self.pendingMembership.updateValue((position.term, reply), forKey: position.index)
                lost?.reply.resume(returning: .failure(.notLeader(leader: self.core.status.leader)))
            } catch {
                reply.resume(returning: .failure(error))
            }
        case .transferLeadership(let target, let reply):
            do {
                try self.core.transferLeadership(to: target)
                reply.resume(returning: .success(()))
            } catch {
                reply.resume(returning: .failure(error))
            }
        }
    }

    private mutating func execute(_ command: KVCommand, consistency: ReadConsistency, reply: @escaping ExecuteReply) {
        let deadline = self.ticks + self.requestTimeoutTicks
        if command.operation.isRead && consistency == .stale {
            reply(.result(self.store.read(command.operation)))
            return
        }
        do {
            if command.operation.isRead && type(of: self.core).capabilities.contains(.readIndex) {
                self.nextReadID += 1
                try self.core.requestRead(id: self.nextReadID)
                self.pendingReads[self.nextReadID] = PendingRead(operation: command.operation, deadline: deadline, reply: reply)
            } else {
                // Writes, and reads of a core without ReadIndex, go through the log: linearizable either way.
                let position = try self.core.propose(command.encoded())
                // An older write waiting at this index lost it (this node led, lost its entries, leads again).
                let lost = self.pendingWrites.updateValue(PendingWrite(term: position.term, deadline: deadline, reply: reply), forKey: position.index)
                lost?.reply(.notLeader(self.core.status.leader))
            }
        } catch {
            if case .notLeader(let leader) = error {
                reply(.notLeader(leader))
            } else {
                reply(.notLeader(nil))
            }
        }
    }

    /// Persists, sends, applies and answers whatever the inputs so far produced. A ready that only
    /// advances the commit index (or sends messages, or confirms reads) skips the disk altogether.
    mutating func processReady(send: ([RaftMessage]) -> Void) throws {
        let ready = self.core.takeReady()
        if ready.isEmpty { return }
        // A leader's AppendEntries may leave before its own fsync (Raft thesis §10.2.1), so that the
        // leader's and the followers' disk writes overlap: the leader counts an entry toward commit
        // only when it handles a follower's answer, which this loop does in a later iteration,
        // after this persist has finished. Everything else (votes, answers) waits for the disk.
        let (early, late) = ready.messages.partitioned { message in
            if case .append = message.payload { return self.core.status.role == .leader }
            return false
        }
        if !early.isEmpty { send(early) }
        // The write (with its fsync) runs right here, holding one of the process's threads: the loop
        // waits for it either way, and handing it to a thread of its own and back cost two thread
        // wake-ups per write (measured: one client's writes went from ~400/s to ~475/s without them).
        if let write = self.durableWrites.write(for: ready) { try self.storage.persist(write) }
        if !late.isEmpty { send(late) }
        if let change = ready.roleChange {
            self.logger.info("\(change.role) in term \(change.term), leader \(change.leader.map(String.init) ?? "unknown")")
            if change.role != .leader { self.abandonReads(leader: change.leader) }
        }
        if let snapshot = ready.snapshot {
            self.store = try KVStateMachine(snapshot: snapshot.data)
            self.applied = snapshot.index
            self.logger.info("installed snapshot \(snapshot.index)@t\(snapshot.term) (\(snapshot.data.count) bytes)")
        }
        for entry in ready.committedEntries { self.apply(entry) }
        self.confirmedReads.append(contentsOf: ready.readStates)
        self.serveConfirmedReads()
        try self.compactIfDue()
    }

    private mutating func apply(_ entry: LogEntry) {
        self.applied = entry.index
        var result: KVResult?
        if case .command(let data) = entry.payload {
            result = self.store.apply(encoded: data, at: entry.index)
        }
        if let pending = self.pendingWrites.removeValue(forKey: entry.index) {
            if entry.term == pending.term, let result {
                pending.reply(.result(result))
            } else {
                pending.reply(.notLeader(self.core.status.leader))
            }
        }
        if let pending = self.pendingMembership.removeValue(forKey: entry.index) {
            if entry.term == pending.term, case .membership(let membership) = entry.payload {
                pending.reply.resume(returning: .success(membership))
            } else {
                pending.reply.resume(returning: .failure(.notLeader(leader: self.core.status.leader)))
            }
        }
    }

    private mutating func serveConfirmedReads() {
        var waiting: [ReadState] = []
        for read in self.confirmedReads {
            guard read.index <= self.applied else {
                waiting.append(read)
                continue
            }
            if let pending = self.pendingReads.removeValue(forKey: read.requestID) {
                pending.reply(.result(self.store.read(pending.operation)))
            }
        }
        self.confirmedReads = waiting
    }

    /// A node that stops leading cannot confirm its pending reads: send their clients on.
    private mutating func abandonReads(leader: NodeID?) {
        for (_, pending) in self.pendingReads { pending.reply(.notLeader(leader)) }
        self.pendingReads.removeAll()
        self.confirmedReads.removeAll()
    }

    private mutating func expireRequests() {
        for (index, pending) in self.pendingWrites where pending.deadline <= self.ticks {
            pending.reply(.timedOut)
            self.pendingWrites[index] = nil
        }
        for (id, pending) in self.pendingReads where pending.deadline <= self.ticks {
            pending.reply(.timedOut)
            self.pendingReads[id] = nil
        }
    }

    private mutating func compactIfDue() throws {
        guard self.applied >= self.core.status.snapshotIndex + LogIndex(self.snapshotInterval) else { return }
        let snapshot = try self.core.compact(through: self.applied, data: self.store.snapshot())
        try self.storage.compact(to: snapshot)
        // The stored commit index may lag (see `DurableWrites`); never leave it below the snapshot.
        if let write = self.durableWrites.writeLatestHardState() { try self.storage.persist(write) }
        self.logger.info("snapshot at \(snapshot.index) (\(snapshot.data.count) bytes); log compacted")
    }

    /// Answers everything still waiting, when the node stops.
    mutating func abandonAll() {
        for (_, pending) in self.pendingWrites { pending.reply(.timedOut) }
        for (_, pending) in self.pendingReads { pending.reply(.timedOut) }
        for (_, pending) in self.pendingMembership { pending.reply.resume(returning: .failure(.notLeader(leader: nil))) }
        self.pendingWrites.removeAll()
        self.pendingReads.removeAll()
        self.pendingMembership.removeAll()
    }
}

extension Array {
    /// The elements that satisfy `belongsInFirst`, and the others, each in their original order.
    fileprivate func partitioned(_ belongsInFirst: (Element) -> Bool) -> ([Element], [Element]) {
        var first: [Element] = []
        var second: [Element] = []
        for element in self {
            if belongsInFirst(element) { first.append(element) } else { second.append(element) }
        }
        return (first, second)
    }
}
