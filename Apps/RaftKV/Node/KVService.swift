import GRPCCore
import LabNet
import LabProto
import RaftCore
import RaftKV
import RaftWire

/// The client-facing service of a node: key-value commands, status, membership and leadership
/// transfer. Requests that this node cannot serve are answered with the leader's client address.
struct KVService: Distlab_Raftkv_V1_KV.SimpleServiceProtocol {
    let runtime: RaftNodeRuntime
    let directory: MemberDirectory

    func execute(request: Distlab_Raftkv_V1_KVRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_KVReply {
        await withCheckedContinuation { continuation in
            self.start(request) { continuation.resume(returning: $0) }
        }
    }

    func executeStream(
        request: RPCAsyncSequence<Distlab_Raftkv_V1_TaggedKVRequest, any Error>, response: RPCWriter<Distlab_Raftkv_V1_TaggedKVReply>,
        context: ServerContext
    ) async throws {
        try await ExecuteStreamServer(start: self.start).serve(request, replyingTo: response, context: context)
    }

    /// Hands one request to the node; `reply` gets the answer (from the node's loop, or at once
    /// when the request cannot be decoded).
    @Sendable private func start(_ request: Distlab_Raftkv_V1_KVRequest, reply: @escaping @Sendable (Distlab_Raftkv_V1_KVReply) -> Void) {
        let command: KVCommand
        let consistency: ReadConsistency
        do {
            command = try KVCommand(proto: request)
            consistency = try ReadConsistency(proto: request.consistency)
        } catch {
            return reply(.rejected("\(error)"))
        }
        self.runtime.execute(command, consistency: consistency) { outcome in
            switch outcome {
            case .result(let result):
                reply(result.proto)
            case .notLeader(let leader):
                reply(.notLeader(leaderID: leader, address: leader.flatMap { self.directory.clientAddress(of: $0) }))
            case .timedOut:
                reply(.unavailable("no answer within 5 s (is a majority of the cluster up?); retry with the same client and sequence: a write is applied at most once"))
            }
        }
    }

    func status(request: Distlab_Raftkv_V1_StatusRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MemberStatus {
        let status = await self.runtime.status()
        return status.proto(clientAddress: self.directory.clientAddress(of: status.id) ?? "")
    }

    func changeMembership(request: Distlab_Raftkv_V1_MembershipRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MembershipReply {
        let change: MembershipChange
        do {
            change = try MembershipChangeRequest(proto: request).change
        } catch {
            return .with { $0.rejected.message = "\(error)" }
        }
        if case .addLearner(let id) = change, self.directory.endpoints(of: id) == nil {
            guard let peer = HostAndPort(parsing: request.peerAddress), let client = HostAndPort(parsing: request.clientAddress) else {
                return .with {
                    $0.rejected.message = "node \(id) is unknown here: start every node with --spare \(id)=PEERHOST:PORT/CLIENTHOST:PORT, or give its addresses"
                }
            }
            self.directory.add(MemberEndpoints(id: id, peer: peer, client: client))
        }
        switch await self.runtime.changeMembership(change) {
        case .success(let membership):
            return .with { $0.membership = membership.proto }
        case .failure(.notLeader(let leader)):
            return .with { $0.notLeader = Distlab_Raftkv_V1_NotLeader(leaderID: leader, address: leader.flatMap { self.directory.clientAddress(of: $0) }) }
        case .failure(let error):
            return .with { $0.rejected.message = "\(error)" }
        }
    }

    func transferLeadership(request: Distlab_Raftkv_V1_TransferRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_TransferReply {
        switch await self.runtime.transferLeadership(to: request.target) {
        case .success:
            return .with { $0.newLeader = request.target }
        case .failure(.notLeader(let leader)):
            return .with { $0.notLeader = Distlab_Raftkv_V1_NotLeader(leaderID: leader, address: leader.flatMap { self.directory.clientAddress(of: $0) }) }
        case .failure(let error):
            return .with { $0.rejected.message = "\(error)" }
        }
    }
}
