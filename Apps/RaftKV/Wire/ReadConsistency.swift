import LabProto

/// How fresh a read must be: `linearizable` reads go through ReadIndex on the leader, `stale` reads
/// are served by whichever node receives them from its local state.
public enum ReadConsistency: Sendable, Hashable, CaseIterable {
    case linearizable
    case stale

    public init(proto: Distlab_Raftkv_V1_ReadConsistency) throws(RaftWireError) {
        switch proto {
        case .linearizable: self = .linearizable
        case .stale: self = .stale
        case .UNRECOGNIZED(let value): throw .unknownConsistency(value)
        }
    }

    public var proto: Distlab_Raftkv_V1_ReadConsistency {
        switch self {
        case .linearizable: return .linearizable
        case .stale: return .stale
        }
    }
}
