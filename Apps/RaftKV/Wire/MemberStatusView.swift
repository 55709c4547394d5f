import LabProto
import RaftCore

/// What `distlab.raftkv.v1.MemberStatus` tells about one member: a ``RaftStatus`` without the vote
/// and the last log term, plus the address clients reach the member at.
public struct MemberStatusView: Sendable, Hashable {
    public var id: NodeID
    public var role: RaftRole
    public var term: Term
    public var leader: NodeID?
    public var commitIndex: LogIndex
    public var appliedIndex: LogIndex
    public var lastIndex: LogIndex
    public var snapshotIndex: LogIndex
    public var membership: Membership
    /// Nil when the member did not say.
    public var clientAddress: String?

    public init(_ status: RaftStatus, clientAddress: String?) {
        self.id = status.id
        self.role = status.role
        self.term = status.term
        self.leader = status.leader
        self.commitIndex = status.commitIndex
        self.appliedIndex = status.appliedIndex
        self.lastIndex = status.lastLog.index
        self.snapshotIndex = status.snapshotIndex
        self.membership = status.membership
        self.clientAddress = clientAddress
    }

    public init(proto: Distlab_Raftkv_V1_MemberStatus) throws(RaftWireError) {
        guard let role = RaftRole(rawValue: proto.role) else { throw .unknownRole(proto.role) }
        guard proto.hasMembership else { throw .missingField("status.membership") }
        self.id = proto.id
        self.role = role
        self.term = proto.term
        self.leader = proto.leaderID == 0 ? nil : proto.leaderID
        self.commitIndex = proto.commitIndex
        self.appliedIndex = proto.appliedIndex
        self.lastIndex = proto.lastIndex
        self.snapshotIndex = proto.snapshotIndex
        self.membership = try Membership(proto: proto.membership, field: "status.membership")
        self.clientAddress = proto.clientAddress.isEmpty ? nil : proto.clientAddress
    }

    public var proto: Distlab_Raftkv_V1_MemberStatus {
        var proto = Distlab_Raftkv_V1_MemberStatus()
        proto.id = self.id
        proto.role = self.role.rawValue
        proto.term = self.term
        proto.leaderID = self.leader ?? 0
        proto.commitIndex = self.commitIndex
        proto.appliedIndex = self.appliedIndex
        proto.lastIndex = self.lastIndex
        proto.snapshotIndex = self.snapshotIndex
        proto.membership = self.membership.proto
        proto.clientAddress = self.clientAddress ?? ""
        return proto
    }
}

/// `RaftStatus` → `distlab.raftkv.v1.MemberStatus`, for a node's `Status` call.
extension RaftStatus {
    public func proto(clientAddress: String?) -> Distlab_Raftkv_V1_MemberStatus {
        MemberStatusView(self, clientAddress: clientAddress).proto
    }
}
