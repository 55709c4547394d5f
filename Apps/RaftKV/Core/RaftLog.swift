/// The in-memory log of a node: a snapshot followed by entries, with the positions Raft asks about.
/// It mirrors what the shell has persisted plus what the next ready will persist. Public so that a
/// student's core (the Raft exercise) can keep its log in it and spend its effort on the protocol.
public struct RaftLog: Sendable {
    public private(set) var snapshot: Snapshot?
    /// Entries `snapshotIndex + 1 ... lastIndex`.
    public private(set) var entries: [LogEntry]

    public init(snapshot: Snapshot?, entries: [LogEntry]) {
        self.snapshot = snapshot
        self.entries = entries
    }

    public var snapshotIndex: LogIndex { self.snapshot?.index ?? 0 }
    public var snapshotTerm: Term { self.snapshot?.term ?? 0 }
    public var firstIndex: LogIndex { self.snapshotIndex + 1 }
    public var lastIndex: LogIndex { self.snapshotIndex + LogIndex(self.entries.count) }
    public var lastPosition: LogPosition { LogPosition(index: self.lastIndex, term: self.term(at: self.lastIndex) ?? 0) }

    /// The term of the entry at `index`; nil when it was compacted away or is beyond the log.
    public func term(at index: LogIndex) -> Term? {
        if index == self.snapshotIndex { return self.snapshotTerm }
        guard index > self.snapshotIndex, index <= self.lastIndex else { return nil }
        return self.entries[Int(index - self.firstIndex)].term
    }

    public func entry(at index: LogIndex) -> LogEntry? {
        guard index >= self.firstIndex, index <= self.lastIndex else { return nil }
        return self.entries[Int(index - self.firstIndex)]
    }

    /// Entries in `from ... through`, at most `maxCount` and about `maxBytes` (always at least one).
    public func entries(from: LogIndex, through: LogIndex, maxCount: Int = .max, maxBytes: Int = .max) -> [LogEntry] {
        guard from <= through, from >= self.firstIndex, through <= self.lastIndex else { return [] }
        var result: [LogEntry] = []
        var bytes = 0
        for index in from...through {
            let entry = self.entries[Int(index - self.firstIndex)]
            if !result.isEmpty && (result.count >= maxCount || bytes + entry.byteCount > maxBytes) { break }
            bytes += entry.byteCount
            result.append(entry)
        }
        return result
    }

    /// Whether a log ending at `position` is at least as up to date as this one (§5.4.1).
    public func isUpToDate(_ position: LogPosition) -> Bool {
        let last = self.lastPosition
        return position.term > last.term || (position.term == last.term && position.index >= last.index)
    }

    /// Whether this log contains an entry at `position` (an index inside the snapshot counts as a match:
    /// snapshots hold only committed entries, which every leader's log contains).
    public func matches(_ position: LogPosition) -> Bool {
        if position.index < self.snapshotIndex { return true }
        return self.term(at: position.index) == position.term
    }

    /// The first index of the term of the entry at `index`, for fast backtracking.
    public func firstIndex(ofTermAt index: LogIndex) -> LogIndex {
        guard let term = self.term(at: index) else { return index }
        var first = index
        while first > self.firstIndex, self.term(at: first - 1) == term { first -= 1 }
        return first
    }

    /// The last index whose entry has `term`, if any.
    public func lastIndex(ofTerm term: Term) -> LogIndex? {
        var index = self.lastIndex
        while index >= self.firstIndex {
            let entryTerm = self.entries[Int(index - self.firstIndex)].term
            if entryTerm == term { return index }
            if entryTerm < term { return nil }
            index -= 1
        }
        return self.snapshotTerm == term && self.snapshot != nil ? self.snapshotIndex : nil
    }

    public mutating func append(_ entry: LogEntry) {
        precondition(entry.index == self.lastIndex + 1, "log entries must be appended in order: got index \(entry.index), expected \(self.lastIndex + 1)")
        self.entries.append(entry)
    }

    /// Drops the entries from `index` on (a conflicting suffix).
    public mutating func truncate(from index: LogIndex) {
        precondition(index > self.snapshotIndex, "cannot truncate compacted entries")
        guard index <= self.lastIndex else { return }
        self.entries.removeLast(Int(self.lastIndex - index + 1))
    }

    /// Replaces everything through `snapshot.index` by the snapshot, keeping later entries.
    public mutating func compact(to snapshot: Snapshot) {
        let drop = min(Int(snapshot.index - self.snapshotIndex), self.entries.count)
        self.entries.removeFirst(drop)
        self.snapshot = snapshot
    }

    /// Replaces the whole log by a snapshot received from the leader.
    public mutating func restore(_ snapshot: Snapshot) {
        self.entries.removeAll()
        self.snapshot = snapshot
    }
}
