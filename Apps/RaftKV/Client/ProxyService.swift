import GRPCCore
import LabProto
import RaftWire

/// `raftkv proxy`: a stateless front for a cluster, speaking the same KV service as a member.
/// It sends each request (with the client's own session) to the leader, following hints and
/// retrying through elections, so clients need to know only the proxy. Run several for no single
/// point of failure: they share nothing.
public struct ProxyService: Distlab_Raftkv_V1_KV.SimpleServiceProtocol {
    let session: RaftKVSession

    public init(session: RaftKVSession) { self.session = session }

    public func execute(request: Distlab_Raftkv_V1_KVRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_KVReply {
        do {
            return try await self.session.forward(request).proto
        } catch {
            return .unavailable("proxy: \(error)")
        }
    }

    /// The status of the member the proxy last reached.
    public func status(request: Distlab_Raftkv_V1_StatusRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MemberStatus {
        try await self.session.kvClient(ofEndpoint: self.session.preferredEndpoint).status(request)
    }

    public func changeMembership(request: Distlab_Raftkv_V1_MembershipRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MembershipReply {
        try await self.session.kvClient(ofEndpoint: self.session.preferredEndpoint).changeMembership(request)
    }

    public func transferLeadership(request: Distlab_Raftkv_V1_TransferRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_TransferReply {
        try await self.session.kvClient(ofEndpoint: self.session.preferredEndpoint).transferLeadership(request)
    }
}
