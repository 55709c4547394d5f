import ArgumentParser
import LabNet
import Logging
import RaftKVClient
import Synchronization

/// `raftkv proxy`: the seed's proxy, without its single point of failure.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run a stateless proxy in front of a raftkv cluster (clients then need only its address).",
        discussion: """
            It forwards every request to the current leader, following leader hints and retrying \
            through elections. Several proxies can run side by side; they share nothing.

              raftkv proxy --listen 127.0.0.1:8000 --server 127.0.0.1:8001 --server 127.0.0.1:8002 --server 127.0.0.1:8003
              raftkv client --server 127.0.0.1:8000 put greeting hola
            """
    )

    @Option(help: "Where the proxy listens, HOST:PORT.")
    var listen = HostAndPortArgument(HostAndPort(host: "127.0.0.1", port: 8000))

    @Option(name: .customLong("server"), help: "A member's client address, HOST:PORT (repeat for each).")
    var servers: [HostAndPortArgument]

    @Option(help: "Seconds to keep retrying a request before answering `unavailable`.")
    var timeout = 5.0

    func run() async throws {
        let logger = Logger(label: "raftkv.proxy")
        let endpoints = self.servers.map(\.value)
        let listen = self.listen.value
        let timeout = self.timeout
        let failure = Mutex<(any Error)?>(nil)
        let signal = await StopSignals.run {
            do {
                try await withRaftKVSession(endpoints: endpoints, deadline: .milliseconds(Int(timeout * 1000))) { session in
                    try await withGRPCServerHost(host: listen.host, port: listen.port, services: [ProxyService(session: session)], logger: logger) { server in
                        let address = try await server.listeningAddress
                        logger.info("proxy on \(address) for \(endpoints.map(\.description).joined(separator: ", "))")
                        try await Task.sleep(for: .seconds(365 * 24 * 3600))
                    }
                }
            } catch is CancellationError {
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        if let signal { logger.info("stopped by signal \(signal)") }
    }
}
