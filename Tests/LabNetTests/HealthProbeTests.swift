import LabNet
import Testing

@Suite("checkHealth")
struct HealthProbeTests {
    @Test("reports the status of the server and of one service")
    func reportsStatus() async throws {
        let health = HealthStatusRegistry()
        health.setStatus(.notServing, forService: "labtest.Warming")
        try await withGRPCServerHost(services: [], health: health) { server in
            let address = try await server.listeningAddress
            #expect(try await checkHealth(host: address.host, port: address.port, timeout: .seconds(15)) == .serving)
            #expect(
                try await checkHealth(host: address.host, port: address.port, service: "labtest.Warming", timeout: .seconds(15))
                    == .notServing
            )
        }
    }

    @Test("an unknown service is reported as such")
    func unknownService() async throws {
        try await withGRPCServerHost(services: []) { server in
            let address = try await server.listeningAddress
            let error = await #expect(throws: HealthProbeError.self) {
                try await checkHealth(host: address.host, port: address.port, service: "labtest.Nope", timeout: .seconds(15))
            }
            #expect(error == .unknownService("labtest.Nope", address: "\(address)"))
        }
    }

    @Test("a server that is not up is reported unreachable, not as a timeout")
    func unreachable() async throws {
        let address = try await withGRPCServerHost(services: []) { try await $0.listeningAddress }
        let error = await #expect(throws: HealthProbeError.self) {
            try await checkHealth(host: address.host, port: address.port, timeout: .seconds(15))
        }
        guard case .unreachable(let reported, _) = error else {
            Issue.record("expected .unreachable, got \(String(describing: error))")
            return
        }
        #expect(reported == "\(address)")
    }

    @Test("a bad port is refused without a connection attempt")
    func badPort() async {
        await #expect(throws: HealthProbeError.self) { try await checkHealth(host: "127.0.0.1", port: 0) }
    }
}
