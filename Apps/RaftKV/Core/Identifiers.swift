/// The identity of one Raft member. Zero means "nobody" only where an `Optional` would be clumsy on
/// the wire; in the core an absent node is `nil`.
public typealias NodeID = UInt64

/// A Raft term: a logical clock that only grows; each term has at most one leader.
public typealias Term = UInt64

/// A position in the replicated log; the first entry has index 1, index 0 is "before the log".
public typealias LogIndex = UInt64

/// Where a proposal landed in the log. It is committed once an applied entry with this index has
/// this term; an entry at this index with another term means the proposal was lost to a new leader.
public struct LogPosition: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: LogIndex
    public var term: Term

    public init(index: LogIndex, term: Term) {
        self.index = index
        self.term = term
    }

    public var description: String { "\(self.index)@t\(self.term)" }
}
