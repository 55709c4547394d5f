import LabProto
import RaftCore

/// `LogPosition` ↔ `distlab.raftkv.v1.LogPosition`; every pair of numbers is a valid position.
extension LogPosition {
    public init(proto: Distlab_Raftkv_V1_LogPosition) {
        self.init(index: proto.index, term: proto.term)
    }

    public var proto: Distlab_Raftkv_V1_LogPosition {
        var proto = Distlab_Raftkv_V1_LogPosition()
        proto.index = self.index
        proto.term = self.term
        return proto
    }
}
