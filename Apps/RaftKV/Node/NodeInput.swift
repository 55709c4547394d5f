import RaftCore
import RaftKV
import RaftWire

/// What a node's loop reacts to. Inputs queue up while the loop persists a ready, and the next
/// iteration takes them all at once: that batch is what makes one fsync cover many writes.
enum NodeInput: Sendable {
    case tick
    case messages([RaftMessage])
    case execute(KVCommand, ReadConsistency, ExecuteReply)
    case status(CheckedContinuation<RaftStatus, Never>)
    case changeMembership(MembershipChange, CheckedContinuation<Result<Membership, RaftError>, Never>)
    case transferLeadership(NodeID, CheckedContinuation<Result<Void, RaftError>, Never>)
}

/// Called once, from the node's loop, with a command's outcome.
typealias ExecuteReply = @Sendable (ExecuteOutcome) -> Void

/// How a node answers a client's command.
public enum ExecuteOutcome: Sendable, Hashable {
    case result(KVResult)
    /// Only the leader serves this; `leader` is the one this node knows of.
    case notLeader(NodeID?)
    /// No answer in time: a write may or may not have been applied; retry it with the same sequence.
    case timedOut
}
