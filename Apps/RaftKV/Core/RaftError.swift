/// Why a node refused a request.
public enum RaftError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Only the leader accepts proposals and reads; `leader` is the one this node knows of.
    case notLeader(leader: NodeID?)
    /// Proposals pause while leadership moves to another node.
    case transferInProgress(to: NodeID)
    /// One membership change at a time: the previous one is not committed yet.
    case membershipChangePending(index: LogIndex)
    /// The change makes no sense for the current membership.
    case invalidMembershipChange(String)
    /// A learner is promoted only once it has caught up with the commit index.
    case learnerNotCaughtUp(node: NodeID, match: LogIndex, commit: LogIndex)
    /// Compaction can only cover entries that the application has applied.
    case compactionBeyondApplied(requested: LogIndex, applied: LogIndex)
    /// Leadership can only move to a voter other than the leader.
    case invalidTransferTarget(NodeID)
    /// This implementation does not offer the feature (a student's core may not, yet).
    case unsupported(String)

    public var description: String {
        switch self {
        case .notLeader(let leader):
            return "not the leader; " + (leader.map { "try node \($0)" } ?? "no leader is known yet, retry shortly")
        case .transferInProgress(let target):
            return "leadership is moving to node \(target); retry once it has a leader"
        case .membershipChangePending(let index):
            return "a membership change (entry \(index)) is not committed yet; one change at a time"
        case .invalidMembershipChange(let reason):
            return "invalid membership change: \(reason)"
        case .learnerNotCaughtUp(let node, let match, let commit):
            return "learner \(node) has \(match) of \(commit) committed entries; promote it once it has caught up"
        case .compactionBeyondApplied(let requested, let applied):
            return "cannot compact through \(requested): only \(applied) entries are applied"
        case .invalidTransferTarget(let node):
            return "cannot transfer leadership to node \(node): it must be another voter"
        case .unsupported(let feature):
            return "\(feature) is not implemented by this Raft core"
        }
    }
}
