import FileShareCore
import FileSharePeer
import Foundation
import LabNet
import LabTestSupport
import Testing

/// A tracker and `peers` peers as real processes under labctl, on OS-chosen ports, for one test:
/// `labs/p2p/four-peers.json`'s shape with short timings.
struct P2PNetwork: Sendable {
    let topology: Topology
    let peers: [String]
    let client: P2PClient

    static func manifest(name: String, peers: Int, replicas: Int, peerTTL: Int) -> String {
        let tracker = #"{"name": "tracker", "command": "p2p", "args": ["tracker", "--listen", "{{self.host}}:{{self.port}}", "--data", "{{self.dataDir}}", "--peer-ttl", "\#(peerTTL)", "--replicas", "\#(replicas)"], "ports": {"port": "auto"}, "ready": {"http": {"port": "port", "path": "/health"}}}"#
        let entries = (1...peers).map { id in
            #"{"name": "p\#(id)", "command": "p2p", "args": ["peer", "--id", "p\#(id)", "--listen", "{{self.host}}:{{self.port}}", "--data", "{{self.dataDir}}", "--tracker", "http://{{tracker.host}}:{{tracker.port}}", "--replicas", "\#(replicas)", "--heartbeat", "0.3"], "ports": {"port": "auto"}, "ready": {"log": "announced"}, "dependsOn": ["tracker"], "stopGracePeriod": 30}"#
        }
        return #"{"name": "\#(name)", "nodes": [\#(([tracker] + entries).joined(separator: ", "))]}"#
    }

    /// Starts the network, logs a client in, runs `body`, and always tears the network down.
    static func with(
        name: String, peers: Int = 4, replicas: Int = 2, peerTTL: Int = 30, _ body: (P2PNetwork) async throws -> Void
    ) async throws {
        let topology = try Topology(name: name, manifest: Self.manifest(name: name, peers: peers, replicas: replicas, peerTTL: peerTTL))
        try await HeavyTestGate.shared.run { try await topology.run { topology in
            let names = (1...peers).map { "p\($0)" }
            do {
                let trackerPort = try #require(try topology.node("tracker").ports["port"])
                let tracker = TrackerConnection(baseURL: "http://127.0.0.1:\(trackerPort)")
                let login = try await tracker.login(username: "tester", password: "s3cret")
                try await body(P2PNetwork(topology: topology, peers: names, client: P2PClient(tracker: tracker, token: login.token)))
            } catch {
                var logs = ""
                for node in ["tracker"] + names {
                    let run = try? await topology.labctl("logs", node)
                    logs += "--- \(node) ---\n\(run?.output.suffix(2_000) ?? "")\n"
                }
                throw TopologyFailure(message: "\(error)\n\(logs)")
            }
        } }
    }

    /// The gRPC address of peer `name`.
    func address(of name: String) throws -> HostAndPort {
        HostAndPort(host: "127.0.0.1", port: try #require(try self.topology.node(name).ports["port"]))
    }

    /// The ids of the live peers the tracker lists as holding file `id`.
    func holders(of id: String) async throws -> Set<String> {
        Set(try await self.client.tracker.holders(of: id, token: self.client.token).peers.map(\.id))
    }

    /// Waits until the tracker lists exactly two live holders of file `id`, neither of them `gone`.
    func waitUntil(file id: String, isHeldByTwoPeersWithout gone: String) async throws {
        try await eventually("the tracker drops \(gone) and the file is copied to another peer", timeout: .seconds(30)) {
            let holders = try await self.holders(of: id)
            return !holders.contains(gone) && holders.count == 2
        }
    }

    /// Where peer `name` keeps the bytes of file `id`.
    func storedFile(_ id: String, on name: String) -> String {
        self.topology.runDirectory.dataDirectory(name).appendingPathComponent("files/\(id).data").path
    }

    /// Writes `bytes` of seeded pseudo-random content to a new file named `name` and returns its path.
    func makeFile(_ name: String, bytes: Int, seed: UInt64) throws -> String {
        var generator = SeededGenerator(seed: seed)
        var data = Data(count: bytes)
        data.withUnsafeMutableBytes { buffer in
            let words = buffer.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        let path = self.topology.folder.file(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }
}
