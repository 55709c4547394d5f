import FileShareCore
import FileSharePeer
import FileShareTracker
import Foundation
import LabNet
import Logging

/// The network `p2p bench` measures: a tracker and `peers` peers in this process, each with its
/// own HTTP or gRPC server on loopback and its own data directory, exactly as the processes of
/// `labs/p2p/four-peers.json` would run them.
struct BenchNetwork {
    let tracker: TrackerConnection
    let peers: [(id: String, address: HostAndPort)]
    let client: P2PClient

    /// Starts the network inside `directory`, runs `body`, then stops everything.
    static func with<T: Sendable>(directory: String, peers count: Int, _ body: (BenchNetwork) async throws -> T) async throws -> T {
        var quiet = Logger(label: "p2p.bench")
        quiet.logLevel = .warning
        let tracker = try Tracker(directory: directory + "/tracker", configuration: TrackerConfiguration(replicas: count))
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        return try await withThrowingTaskGroup { group in
            group.addTask { try await TrackerServer.run(tracker: tracker, host: "127.0.0.1", port: 0) { portSink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            guard let trackerPort = await iterator.next() else { throw CancellationError() }
            let url = "http://127.0.0.1:\(trackerPort)"
            let (addresses, addressSink) = AsyncStream<(String, HostAndPort)>.makeStream()
            for number in 1...count {
                var configuration = PeerConfiguration(
                    id: "p\(number)", listen: HostAndPort(host: "127.0.0.1", port: 0), tracker: url,
                    username: "peer-p\(number)", password: "bench-p\(number)", dataDirectory: directory + "/p\(number)")
                configuration.replicas = count
                configuration.heartbeatInterval = .milliseconds(200)
                // The scrubber re-hashes every stored file once a minute (3 GiB here for a 1 GiB
                // file): background upkeep, not transfer, and it would land in a random download.
                configuration.scrubInterval = nil
                let node = try PeerNode(configuration: configuration, logger: quiet)
                let id = configuration.id
                group.addTask {
                    try await node.serve(ready: { addressSink.yield((id, $0)) }) {
                        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3_600)) }
                    }
                }
            }
            var peers: [(id: String, address: HostAndPort)] = []
            for await peer in addresses {
                peers.append((peer.0, peer.1))
                if peers.count == count { break }
            }
            let connection = TrackerConnection(baseURL: url)
            let token = try await connection.login(username: "bench", password: "bench").token
            while try await connection.peers(token: token).count < count { try await Task.sleep(for: .milliseconds(50)) }
            let network = BenchNetwork(
                tracker: connection, peers: peers.sorted { $0.id < $1.id }, client: P2PClient(tracker: connection, token: token))
            defer { group.cancelAll() }
            return try await body(network)
        }
    }
}
