import GRPCCore
import GRPCProtobuf
import LabNet
import LabProto
import Testing

/// A one-method service standing in for a lab's own service. Its RPC, `labtest.Stub/Hang`, calls
/// `onHang` and then never answers: only cancellation by the server ends it.
struct StubService: RegistrableRPCService {
    static let hang = MethodDescriptor(fullyQualifiedService: "labtest.Stub", method: "Hang")

    var onHang: @Sendable () -> Void = {}

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: Self.hang,
            deserializer: ProtobufDeserializer<Grpc_Health_V1_HealthCheckRequest>(),
            serializer: ProtobufSerializer<Grpc_Health_V1_HealthCheckResponse>()
        ) { [onHang] _, _ in
            onHang()
            try await Task.sleep(for: .seconds(3600))
            return StreamingServerResponse(error: RPCError(code: .internalError, message: "woke up"))
        }
    }
}

@Suite("GRPCServerHost")
struct GRPCServerHostTests {
    @Test("port 0 binds a port the OS chose, and a client reaches it")
    func bindsOSChosenPort() async throws {
        try await withGRPCServerHost(host: "127.0.0.1", port: 0, services: []) { server in
            let address = try await server.listeningAddress
            #expect(address.host == "127.0.0.1")
            #expect(address.port > 0)
            #expect(server.requestedAddress.port == 0)
            #expect(try await checkHealth(host: address.host, port: address.port, timeout: .seconds(15)) == .serving)
        }
    }

    @Test("a host name is resolved before binding")
    func resolvesHostName() async throws {
        try await withGRPCServerHost(host: "localhost", services: []) { server in
            let address = try await server.listeningAddress
            #expect(["127.0.0.1", "::1"].contains(address.host))
            #expect(address.port > 0)
        }
    }

    @Test("a port that is taken fails with an error naming the address")
    func portInUse() async throws {
        try await withGRPCServerHost(services: []) { first in
            let taken = try await first.listeningAddress
            let error = await #expect(throws: GRPCServerHostError.self) {
                try await withGRPCServerHost(port: taken.port, services: []) { _ in }
            }
            #expect(error?.description.contains("127.0.0.1:\(taken.port)") == true)
        }
    }

    @Test("an out-of-range port or an unknown host is refused up front")
    func invalidAddress() {
        #expect(throws: GRPCServerHostError.self) { try GRPCServerHost(port: 70_000, services: []) }
        #expect(throws: GRPCServerHostError.self) {
            try GRPCServerHost(host: "no-such-host.invalid", services: [])
        }
    }

    @Test("graceful shutdown reports NOT_SERVING, ends open watches and lets serve() return")
    func gracefulShutdownEndsWatches() async throws {
        let server = try GRPCServerHost(services: [], shutdownGracePeriod: .seconds(600))
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            let address = try await server.listeningAddress
            let connection = GRPCClientConnection(host: address.host, port: address.port, defaultTimeout: .seconds(30))
            let seen = try await connection.withClient { client in
                try await Grpc_Health_V1_Health.Client(wrapping: client).watch(.init()) { response in
                    var messages = response.messages.makeAsyncIterator()
                    var seen = [try await messages.next()?.status]
                    server.beginGracefulShutdown()
                    while let message = try await messages.next() {
                        seen.append(message.status)
                    }
                    return seen
                }
            }
            #expect(seen == [.serving, .notServing])
        }
        // serve() returned because the watch ended, not because the 600 s grace period cut it off.
        #expect(clock.now - start < .seconds(300))
        await #expect(throws: GRPCServerHostError.self) { try await server.listeningAddress }
    }

    @Test("an RPC that outlives the grace period is cut off and serve() returns")
    func gracePeriodCutsOffRPCs() async throws {
        let (hanging, hangStarted) = AsyncStream.makeStream(of: Void.self)
        let server = try GRPCServerHost(
            services: [StubService(onHang: { hangStarted.yield() })],
            shutdownGracePeriod: .milliseconds(200)
        )
        // The hanging RPC would last the client's 600 s deadline if the grace period did not cut it off.
        let clock = ContinuousClock()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            let address = try await server.listeningAddress
            let connection = GRPCClientConnection(host: address.host, port: address.port, defaultTimeout: .seconds(600))
            try await connection.withClient { client in
                group.addTask {
                    await #expect(throws: RPCError.self) {
                        try await client.unary(
                            request: ClientRequest(message: Grpc_Health_V1_HealthCheckRequest()),
                            descriptor: StubService.hang,
                            serializer: ProtobufSerializer<Grpc_Health_V1_HealthCheckRequest>(),
                            deserializer: ProtobufDeserializer<Grpc_Health_V1_HealthCheckResponse>(),
                            options: .defaults
                        ) { try $0.message }
                    }
                }
                for await _ in hanging { break }
                let start = clock.now
                server.beginGracefulShutdown()
                try await group.waitForAll()
                #expect(clock.now - start < .seconds(300))
            }
        }
    }

    @Test("an RPC to a server that has shut down fails fast with UNAVAILABLE")
    func callAfterShutdownFails() async throws {
        let address = try await withGRPCServerHost(services: []) { try await $0.listeningAddress }
        // A generous deadline: UNAVAILABLE (not DEADLINE_EXCEEDED) shows the call did not wait for it.
        let connection = GRPCClientConnection(host: address.host, port: address.port, defaultTimeout: .seconds(30))
        let error = await #expect(throws: RPCError.self) {
            try await connection.withClient { client in
                try await Grpc_Health_V1_Health.Client(wrapping: client).check(.init())
            }
        }
        #expect(error?.code == .unavailable)
    }
}
