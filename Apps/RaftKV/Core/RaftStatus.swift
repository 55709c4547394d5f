/// A snapshot of a node's state, for tests, `raftkv status` and traces.
public struct RaftStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    public var id: NodeID
    public var role: RaftRole
    public var term: Term
    public var vote: NodeID?
    public var leader: NodeID?
    public var commitIndex: LogIndex
    public var appliedIndex: LogIndex
    public var lastLog: LogPosition
    public var snapshotIndex: LogIndex
    public var membership: Membership

    public init(
        id: NodeID, role: RaftRole, term: Term, vote: NodeID?, leader: NodeID?, commitIndex: LogIndex,
        appliedIndex: LogIndex, lastLog: LogPosition, snapshotIndex: LogIndex, membership: Membership
    ) {
        self.id = id
        self.role = role
        self.term = term
        self.vote = vote
        self.leader = leader
        self.commitIndex = commitIndex
        self.appliedIndex = appliedIndex
        self.lastLog = lastLog
        self.snapshotIndex = snapshotIndex
        self.membership = membership
    }

    public var description: String {
        "n\(self.id) \(self.role) t\(self.term) leader=\(self.leader.map(String.init) ?? "-") commit=\(self.commitIndex) "
            + "applied=\(self.appliedIndex) last=\(self.lastLog) snap=\(self.snapshotIndex)"
    }
}
