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
        await self.forward(request)
    }

    public func executeStream(
        request: RPCAsyncSequence<Distlab_Raftkv_V1_TaggedKVRequest, any Error>, response: RPCWriter<Distlab_Raftkv_V1_TaggedKVReply>,
        context: ServerContext
    ) async throws {
        try await ExecuteStreamServer(execute: self.forward).serve(request, replyingTo: response, context: context)
    }

    /// Sends one request to the leader and returns its answer, or why there is none.
    @Sendable private func forward(_ request: Distlab_Raftkv_V1_KVRequest) async -> Distlab_Raftkv_V1_KVReply {
        do {
            return try await self.session.forward(request).proto
        } catch {
            return .unavailable("proxy: \(error)")
        }
    }

    /// The status of the member the proxy last reached.
    public func status(request: Distlab_Raftkv_V1_StatusRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MemberStatus {
        try await self.session.endpoint(self.session.preferredEndpoint).kv.status(request)
    }

    public func changeMembership(request: Distlab_Raftkv_V1_MembershipRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MembershipReply {
        try await self.session.endpoint(self.session.preferredEndpoint).kv.changeMembership(request)
    }

    public func transferLeadership(request: Distlab_Raftkv_V1_TransferRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_TransferReply {
        try await self.session.endpoint(self.session.preferredEndpoint).kv.transferLeadership(request)
    }
}
