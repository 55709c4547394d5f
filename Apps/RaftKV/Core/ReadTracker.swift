import DequeModule

/// A leader's linearizable reads in flight (ReadIndex, dissertation §6.4). A read registered while
/// the commit index is `c` is safe to serve at `c` once a quorum has answered a heartbeat round sent
/// after it was registered: then no other leader can have committed anything newer.
struct ReadTracker: Sendable {
    struct PendingRead: Sendable {
        var id: UInt64
        var index: LogIndex
        var sequence: UInt64
    }

    /// The current heartbeat round; followers echo it back.
    private(set) var sequence: UInt64 = 0
    /// Reads waiting for a quorum to answer their round, oldest first.
    private var pending = Deque<PendingRead>()
    /// Reads that arrived before the leader committed an entry of its own term (its commit index
    /// may still be behind the previous leader's until then).
    private var waitingForCommit: [UInt64] = []
    private var roundNeeded = false

    mutating func wait(forCommit id: UInt64) { self.waitingForCommit.append(id) }

    mutating func takeWaitingForCommit() -> [UInt64] {
        defer { self.waitingForCommit.removeAll() }
        return self.waitingForCommit
    }

    /// Registers a read at `index`; reads registered in the same batch share one heartbeat round.
    mutating func register(id: UInt64, index: LogIndex) {
        if !self.roundNeeded {
            self.sequence += 1
            self.roundNeeded = true
        }
        self.pending.append(PendingRead(id: id, index: index, sequence: self.sequence))
    }

    /// Whether a new round must be broadcast now (and forget that it must).
    mutating func takeRoundToBroadcast() -> Bool {
        defer { self.roundNeeded = false }
        return self.roundNeeded
    }

    /// The reads whose round has been answered by a quorum, given each voter's latest answered round.
    mutating func confirmed(acknowledged: [UInt64], quorum: Int) -> [ReadState] {
        var ready: [ReadState] = []
        while let first = self.pending.first, acknowledged.filter({ $0 >= first.sequence }).count >= quorum {
            ready.append(ReadState(requestID: first.id, index: first.index))
            self.pending.removeFirst()
        }
        return ready
    }
}
