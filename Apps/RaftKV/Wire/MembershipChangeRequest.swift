import LabProto
import RaftCore

/// A `MembershipChange` as a client asks for it (`distlab.raftkv.v1.MembershipRequest`), with the
/// addresses of a node being added.
public struct MembershipChangeRequest: Sendable, Hashable {
    public var change: MembershipChange
    /// For `addLearner`: where peers reach the new node; nil when not given.
    public var peerAddress: String?
    /// For `addLearner`: where clients reach the new node; nil when not given.
    public var clientAddress: String?

    public init(change: MembershipChange, peerAddress: String? = nil, clientAddress: String? = nil) {
        self.change = change
        self.peerAddress = peerAddress
        self.clientAddress = clientAddress
    }

    /// Decodes `proto`, refusing a request with no change or one naming node 0.
    public init(proto: Distlab_Raftkv_V1_MembershipRequest) throws(RaftWireError) {
        let change: MembershipChange
        switch proto.change {
        case .addLearner(let id): change = .addLearner(id)
        case .promote(let id): change = .promote(id)
        case .remove(let id): change = .remove(id)
        case nil: throw .missingOneof(field: "membership request", oneof: "change")
        }
        guard change.node != 0 else { throw .zeroNodeID(field: "membership request \(change)") }
        self.init(
            change: change, peerAddress: proto.peerAddress.isEmpty ? nil : proto.peerAddress,
            clientAddress: proto.clientAddress.isEmpty ? nil : proto.clientAddress)
    }

    public var proto: Distlab_Raftkv_V1_MembershipRequest {
        var proto = Distlab_Raftkv_V1_MembershipRequest()
        switch self.change {
        case .addLearner(let id): proto.addLearner = id
        case .promote(let id): proto.promote = id
        case .remove(let id): proto.remove = id
        }
        proto.peerAddress = self.peerAddress ?? ""
        proto.clientAddress = self.clientAddress ?? ""
        return proto
    }
}
