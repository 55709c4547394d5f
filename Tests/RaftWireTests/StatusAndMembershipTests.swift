import LabProto
import RaftCore
import RaftWire
import Testing

/// Member status and membership requests survive protobuf; bad ones are named errors.
@Suite struct StatusAndMembershipTests {
    static func status(role: RaftRole, leader: NodeID?) -> RaftStatus {
        RaftStatus(
            id: 2, role: role, term: 9, vote: 1, leader: leader, commitIndex: 40, appliedIndex: 39,
            lastLog: LogPosition(index: 41, term: 9), snapshotIndex: 30, membership: WireFixtures.membership)
    }

    @Test(arguments: [RaftRole.follower, .preCandidate, .candidate, .leader, .learner])
    func statusRoundTrips(role: RaftRole) throws {
        let status = Self.status(role: role, leader: role == .leader ? 2 : 1)
        let proto = status.proto(clientAddress: "127.0.0.1:8002")
        #expect(proto.role == role.rawValue)
        let view = try MemberStatusView(proto: proto)
        #expect(view == MemberStatusView(status, clientAddress: "127.0.0.1:8002"))
        #expect(view.lastIndex == 41)
        #expect(view.membership == WireFixtures.membership)
    }

    @Test func unknownLeaderAndAddressAreNil() throws {
        let proto = Self.status(role: .candidate, leader: nil).proto(clientAddress: nil)
        #expect(proto.leaderID == 0)
        let view = try MemberStatusView(proto: proto)
        #expect(view.leader == nil)
        #expect(view.clientAddress == nil)
    }

    @Test func badStatusIsNamed() {
        var proto = Self.status(role: .leader, leader: 2).proto(clientAddress: nil)
        proto.role = "king"
        #expect(throws: RaftWireError.unknownRole("king")) { try MemberStatusView(proto: proto) }
        proto.role = "leader"
        proto.clearMembership()
        #expect(throws: RaftWireError.missingField("status.membership")) { try MemberStatusView(proto: proto) }
    }

    @Test(arguments: [
        MembershipChangeRequest(change: .addLearner(4), peerAddress: "h:7004", clientAddress: "h:8004"),
        MembershipChangeRequest(change: .promote(4)),
        MembershipChangeRequest(change: .remove(1)),
    ])
    func membershipRequestRoundTrips(request: MembershipChangeRequest) throws {
        #expect(try MembershipChangeRequest(proto: request.proto) == request)
    }

    @Test func badMembershipRequestsAreNamed() {
        #expect(throws: RaftWireError.missingOneof(field: "membership request", oneof: "change")) {
            try MembershipChangeRequest(proto: Distlab_Raftkv_V1_MembershipRequest())
        }
        var zero = Distlab_Raftkv_V1_MembershipRequest()
        zero.promote = 0
        #expect(throws: RaftWireError.zeroNodeID(field: "membership request promote(0)")) {
            try MembershipChangeRequest(proto: zero)
        }
    }
}
