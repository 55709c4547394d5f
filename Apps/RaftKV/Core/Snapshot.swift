import Foundation

/// A compacted prefix of the log: the application's state after applying every entry up to
/// `index`, plus what Raft needs to continue after it (the term of that entry and the membership).
public struct Snapshot: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: LogIndex
    public var term: Term
    public var membership: Membership
    /// The application's state, opaque to Raft.
    public var data: Data

    public init(index: LogIndex, term: Term, membership: Membership, data: Data) {
        self.index = index
        self.term = term
        self.membership = membership
        self.data = data
    }

    public var description: String { "snapshot(\(self.index)@t\(self.term), \(self.data.count)B, \(self.membership))" }
}
