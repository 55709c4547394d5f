import GRPCCore
import LabNet
import LabProto
import RaftKV
import RaftKVClient
import RaftWire
import Testing

/// The long-lived request stream between raftkv clients and members, over real gRPC on loopback:
/// requests run concurrently on the server and each reply finds its own request.
@Suite("raftkv request stream")
struct ExecuteStreamTests {
    /// Answers a get with the key itself; a get of "first" waits until "second" has arrived, and a
    /// get of "never" is never answered (like a paused member).
    struct EchoKeys: Distlab_Raftkv_V1_KV.SimpleServiceProtocol {
        let arrivals: AsyncStream<Void>
        let arrived: AsyncStream<Void>.Continuation

        func executeStream(
            request: RPCAsyncSequence<Distlab_Raftkv_V1_TaggedKVRequest, any Error>, response: RPCWriter<Distlab_Raftkv_V1_TaggedKVReply>,
            context: ServerContext
        ) async throws {
            try await ExecuteStreamServer(execute: { request in
                let key = request.get.key
                if key == "never" {
                    try? await Task.sleep(for: .seconds(3600))  // ends when the client goes
                } else if key == "first" {
                    var arrivals = self.arrivals.makeAsyncIterator()
                    _ = await arrivals.next()
                } else if key == "second" {
                    self.arrived.yield()
                }
                return KVResult.value(key).proto
            }).serve(request, replyingTo: response, context: context)
        }

        func execute(request: Distlab_Raftkv_V1_KVRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_KVReply {
            throw RPCError(code: .unimplemented, message: "not in this test")
        }

        func status(request: Distlab_Raftkv_V1_StatusRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MemberStatus {
            throw RPCError(code: .unimplemented, message: "not in this test")
        }

        func changeMembership(request: Distlab_Raftkv_V1_MembershipRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_MembershipReply {
            throw RPCError(code: .unimplemented, message: "not in this test")
        }

        func transferLeadership(request: Distlab_Raftkv_V1_TransferRequest, context: ServerContext) async throws -> Distlab_Raftkv_V1_TransferReply {
            throw RPCError(code: .unimplemented, message: "not in this test")
        }
    }

    @Test func repliesComeAsTheyAreReadyAndFindTheirRequests() async throws {
        let (arrivals, arrived) = AsyncStream.makeStream(of: Void.self)
        try await withGRPCServerHost(services: [EchoKeys(arrivals: arrivals, arrived: arrived)]) { server in
            let address = try await server.listeningAddress
            try await withRaftKVConnections(endpoints: [HostAndPort(host: address.host, port: address.port)]) { connections in
                let member = try #require(connections.endpoints.first)
                func get(_ key: String) async throws -> KVResult {
                    let request = KVCommand(client: 1, sequence: 1, operation: .get(key: key)).proto(consistency: .linearizable)
                    guard case .result(let result) = try KVReplyOutcome(proto: try await member.execute(request)) else {
                        throw RaftKVClientError.rejected("not a result")
                    }
                    return result
                }
                // "first" is answered only once "second" has arrived: a server that ran one request
                // at a time would leave it without a reply (and the client would give up).
                async let first = get("first")
                async let second = get("second")
                #expect(try await [first, second] == [.value("first"), .value("second")])
                let many = try await withThrowingTaskGroup(of: (Int, KVResult).self) { group in
                    for n in 0..<200 { group.addTask { (n, try await get("key\(n)")) } }
                    return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
                }
                #expect(many.count == 200)
                #expect(many.allSatisfy { $0.value == .value("key\($0.key)") })
            }
        }
    }

    @Test func aRequestWithoutReplyFailsInTimeAndTheStreamGoesOn() async throws {
        let (arrivals, arrived) = AsyncStream.makeStream(of: Void.self)
        try await withGRPCServerHost(services: [EchoKeys(arrivals: arrivals, arrived: arrived)]) { server in
            let address = try await server.listeningAddress
            let endpoint = HostAndPort(host: address.host, port: address.port)
            // Long enough that the request after it is answered in time on a loaded CI machine.
            try await withRaftKVConnections(endpoints: [endpoint], replyTimeout: .seconds(2)) { connections in
                let member = try #require(connections.endpoints.first)
                func get(_ key: String) async throws -> Distlab_Raftkv_V1_KVReply {
                    try await member.execute(KVCommand(client: 1, sequence: 1, operation: .get(key: key)).proto(consistency: .linearizable))
                }
                let error = await #expect(throws: (any Error).self) { try await get("never") }
                #expect("\(error.map { "\($0)" } ?? "")".contains("no reply from \(endpoint) within"), "\(String(describing: error))")
                #expect(try KVReplyOutcome(proto: try await get("after")) == .result(.value("after")))
            }
        }
    }

    /// A proxy forwards each request in a task that is cancelled when its client goes away: the
    /// session must stop then, not retry every member until its deadline.
    @Test func aCancelledSessionStopsRetrying() async throws {
        let (arrivals, arrived) = AsyncStream.makeStream(of: Void.self)
        try await withGRPCServerHost(services: [EchoKeys(arrivals: arrivals, arrived: arrived)]) { server in
            let address = try await server.listeningAddress
            try await withRaftKVSession(endpoints: [HostAndPort(host: address.host, port: address.port)], deadline: .seconds(30)) { session in
                let waiting = Task { try await session.execute(.get(key: "never")) }
                waiting.cancel()
                let outcome = await waiting.result
                guard case .failure(let error) = outcome, case .cancelled? = error as? RaftKVClientError else {
                    Issue.record("expected RaftKVClientError.cancelled, got \(outcome)")
                    return
                }
            }
        }
    }
}
