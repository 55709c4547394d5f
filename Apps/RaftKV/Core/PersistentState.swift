/// The small part of Raft's durable state that changes in place.
public struct HardState: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The latest term this node has seen.
    public var term: Term
    /// Whom this node voted for in `term`, if anyone.
    public var vote: NodeID?
    /// The highest index known committed. Persisting it is optional for safety (it is re-learned
    /// from a leader) but lets a restarted node re-apply its log at once.
    public var commit: LogIndex

    public init(term: Term = 0, vote: NodeID? = nil, commit: LogIndex = 0) {
        self.term = term
        self.vote = vote
        self.commit = commit
    }

    public var description: String { "term=\(self.term) vote=\(self.vote.map(String.init) ?? "-") commit=\(self.commit)" }
}

/// Everything a node persisted, handed back to it when it restarts.
public struct PersistentState: Sendable, Hashable, Codable {
    public var hardState: HardState
    public var snapshot: Snapshot?
    /// The entries after the snapshot, in index order, without gaps.
    public var entries: [LogEntry]

    public init(hardState: HardState = HardState(), snapshot: Snapshot? = nil, entries: [LogEntry] = []) {
        self.hardState = hardState
        self.snapshot = snapshot
        self.entries = entries
    }

    /// A node that has never run.
    public static let empty = PersistentState()

    /// Applies the persistence part of a `RaftReady`, exactly as a disk-backed shell must.
    public mutating func persist(_ ready: RaftReady) {
        if let snapshot = ready.snapshot {
            self.entries.removeAll()
            self.snapshot = snapshot
        }
        if let first = ready.entries.first {
            self.entries.removeAll { $0.index >= first.index }
            self.entries.append(contentsOf: ready.entries)
        }
        if let hardState = ready.hardState { self.hardState = hardState }
    }

    /// Applies a compaction the application asked for (`RaftNode.compact`).
    public mutating func compact(to snapshot: Snapshot) {
        self.entries.removeAll { $0.index <= snapshot.index }
        self.snapshot = snapshot
    }
}
