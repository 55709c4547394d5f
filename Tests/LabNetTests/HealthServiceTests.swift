import GRPCCore
import GRPCNIOTransportHTTP2
import LabNet
import LabProto
import Testing

/// Runs a server with `StubService` and `health`, and a health client connected to it.
private func withHealthClient<Result: Sendable>(
    health: HealthStatusRegistry = HealthStatusRegistry(),
    defaultTimeout: Duration = .seconds(5),
    _ body: (Grpc_Health_V1_Health.Client<HTTP2ClientTransport.Posix>) async throws -> Result
) async throws -> Result {
    try await withGRPCServerHost(services: [StubService()], health: health) { server in
        let address = try await server.listeningAddress
        let connection = GRPCClientConnection(host: address.host, port: address.port, defaultTimeout: defaultTimeout)
        return try await connection.withClient { try await body(Grpc_Health_V1_Health.Client(wrapping: $0)) }
    }
}

@Suite("HealthService")
struct HealthServiceTests {
    @Test("Check: SERVING for the whole server, for served services and for services set by hand")
    func checkServing() async throws {
        let health = HealthStatusRegistry()
        health.setStatus(.serving, forService: "labtest.SetByHand")
        try await withHealthClient(health: health) { client in
            for service in ["", "labtest.Stub", "grpc.health.v1.Health", "labtest.SetByHand"] {
                let response = try await client.check(.with { $0.service = service })
                #expect(response.status == .serving, "service '\(service)'")
            }
        }
    }

    @Test("Check: a status set before serving is kept, and changes are seen")
    func checkReflectsChanges() async throws {
        let health = HealthStatusRegistry()
        health.setStatus(.notServing, forService: "labtest.Stub")
        try await withHealthClient(health: health) { client in
            let before = try await client.check(.with { $0.service = "labtest.Stub" })
            #expect(before.status == .notServing)
            health.setStatus(.serving, forService: "labtest.Stub")
            let after = try await client.check(.with { $0.service = "labtest.Stub" })
            #expect(after.status == .serving)
            health.setStatus(.notServing)
            let server = try await client.check(.init())
            #expect(server.status == .notServing)
        }
    }

    @Test("Check: an unknown service fails with NOT_FOUND")
    func checkUnknownService() async throws {
        try await withHealthClient { client in
            let error = await #expect(throws: RPCError.self) {
                try await client.check(.with { $0.service = "labtest.Nope" })
            }
            #expect(error?.code == .notFound)
            #expect(error?.message.contains("labtest.Nope") == true)
        }
    }

    @Test("Watch: the current status at once, then every change")
    func watchSeesChanges() async throws {
        let health = HealthStatusRegistry()
        try await withHealthClient(health: health) { client in
            let seen = try await client.watch(.with { $0.service = "labtest.Stub" }) { response in
                var messages = response.messages.makeAsyncIterator()
                var seen = [try await messages.next()?.status]
                health.setStatus(.notServing, forService: "labtest.Stub")
                seen.append(try await messages.next()?.status)
                health.setStatus(.serving, forService: "labtest.Stub")
                seen.append(try await messages.next()?.status)
                return seen
            }
            #expect(seen == [.serving, .notServing, .serving])
        }
    }

    @Test("Watch: an unknown service reads SERVICE_UNKNOWN until it gets a status")
    func watchUnknownService() async throws {
        let health = HealthStatusRegistry()
        try await withHealthClient(health: health) { client in
            let seen = try await client.watch(.with { $0.service = "labtest.Later" }) { response in
                var messages = response.messages.makeAsyncIterator()
                var seen = [try await messages.next()?.status]
                health.setStatus(.serving, forService: "labtest.Later")
                seen.append(try await messages.next()?.status)
                return seen
            }
            #expect(seen == [.serviceUnknown, .serving])
        }
    }

    @Test("Watch: the client's default deadline ends a watch that sees no change")
    func watchHitsDefaultDeadline() async throws {
        try await withHealthClient(defaultTimeout: .milliseconds(300)) { client in
            let error = await #expect(throws: RPCError.self) {
                try await client.watch(.init()) { response in
                    for try await _ in response.messages {}
                }
            }
            #expect(error?.code == .deadlineExceeded)
        }
    }
}
