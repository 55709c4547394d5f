import FileShareCore
import LabNet
import Logging

extension PeerNode {
    /// Serves the peer protocol and heartbeats until SIGINT/SIGTERM, then leaves gracefully —
    /// copying files that would drop below `replicas` — while still serving, so the peers taking
    /// copies can fetch them. `ready` gets the bound address.
    public func run(ready: @Sendable (HostAndPort) -> Void = { _ in }) async throws {
        try await self.serve(ready: ready) {
            let signal = await StopSignals.run {
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3_600)) }
            }
            guard let signal else { return }
            self.logger.info("signal \(signal): leaving gracefully (making sure every file keeps \(self.configuration.replicas) copies elsewhere)")
            let short = await self.leave()
            if !short.isEmpty { self.logger.warning("left with fewer than \(self.configuration.replicas) copies elsewhere of: \(short.joined(separator: ", "))") }
        }
    }

    /// Serves the peer protocol and heartbeats while `body` runs; stops both when it returns.
    public func serve<Result: Sendable>(
        ready: @Sendable (HostAndPort) -> Void = { _ in }, _ body: () async throws -> Result
    ) async throws -> Result {
        let listen = self.configuration.listen
        return try await withGRPCServerHost(
            host: listen.host, port: listen.port, services: [PeerService(node: self)],
            maxMessageBytes: PeerLimits.maxMessageBytes, http2: .bulk, logger: self.logger
        ) { server in
            let bound = try await server.listeningAddress
            let address = HostAndPort(host: bound.host, port: bound.port)
            self.bound(to: address)
            ready(address)
            return try await withThrowingTaskGroup { group in
                group.addTask { await self.runHeartbeats() }
                group.addTask { await self.runScrubber() }
                defer { group.cancelAll() }
                return try await body()
            }
        }
    }
}
