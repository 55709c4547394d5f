import LabProto
import RaftCore

/// `Membership` ↔ `distlab.raftkv.v1.Membership`. Ids are encoded sorted, so the same membership
/// always gives the same bytes; decoding refuses node 0 and a node listed twice.
extension Membership {
    /// Decodes `proto`; `field` names it in errors ("append.entries[2].membership").
    public init(proto: Distlab_Raftkv_V1_Membership, field: String = "membership") throws(RaftWireError) {
        var seen = Set<NodeID>()
        for (name, ids) in [("voters", proto.voters), ("learners", proto.learners)] {
            for (position, id) in ids.enumerated() {
                guard id != 0 else { throw .zeroNodeID(field: "\(field).\(name)[\(position)]") }
                guard seen.insert(id).inserted else { throw .duplicateMember(field: field, node: id) }
            }
        }
        self.init(voters: Set(proto.voters), learners: Set(proto.learners))
    }

    public var proto: Distlab_Raftkv_V1_Membership {
        var proto = Distlab_Raftkv_V1_Membership()
        proto.voters = self.voters.sorted()
        proto.learners = self.learners.sorted()
        return proto
    }
}
