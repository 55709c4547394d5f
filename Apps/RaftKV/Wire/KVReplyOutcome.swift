import LabProto
import RaftCore
import RaftKV

/// What a client learns from a `distlab.raftkv.v1.KVReply`: the result of its operation, a pointer
/// to the leader, or why the request was refused.
public enum KVReplyOutcome: Sendable, Hashable {
    /// The operation's result. A refused operation arrives as ``rejected(_:)``, not `.result(.rejected)`.
    case result(KVResult)
    /// The node cannot serve the request; try the leader when it is known.
    case notLeader(leaderID: NodeID?, address: String?)
    /// The request was refused; the message says why and what to do.
    case rejected(String)
    /// No answer in time; retrying (elsewhere, later) is safe.
    case unavailable(String)

    public init(proto: Distlab_Raftkv_V1_KVReply) throws(RaftWireError) {
        switch proto.outcome {
        case .value(let value): self = .result(.value(value.hasValue ? value.value : nil))
        case .done: self = .result(.done)
        case .cas(let cas): self = .result(.cas(succeeded: cas.succeeded, current: cas.hasCurrent ? cas.current : nil))
        case .list(let list): self = .result(.entries(list.entries.map { KVPair(key: $0.key, value: $0.value) }))
        case .notLeader(let notLeader):
            self = .notLeader(leaderID: notLeader.leader, address: notLeader.address)
        case .rejected(let rejected): self = .rejected(rejected.message)
        case .unavailable(let unavailable): self = .unavailable(unavailable.message)
        case nil: throw .missingOneof(field: "reply", oneof: "outcome")
        }
    }

    public var proto: Distlab_Raftkv_V1_KVReply {
        switch self {
        case .result(let result): return result.proto
        case .notLeader(let leaderID, let address): return .notLeader(leaderID: leaderID, address: address)
        case .rejected(let message): return .rejected(message)
        case .unavailable(let message): return .unavailable(message)
        }
    }
}
