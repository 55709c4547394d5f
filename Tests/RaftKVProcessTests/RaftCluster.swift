import Foundation
import LabNet
import LabTestSupport
import RaftKVClient
import RaftWire
import Testing

/// A raftkv cluster of real processes under labctl, for one test: `labs/raft/three-nodes.json`'s
/// shape, on OS-chosen ports.
struct RaftCluster {
    let topology: Topology
    let nodes: [String]

    /// With `linked`, members reach each other's peer port through labctl's links, so that
    /// `labctl partition` and friends act on Raft traffic.
    static func manifest(name: String, nodes: Int, linked: Bool = false) -> String {
        let ids = 1...nodes
        let entries = ids.map { id in
            // Typed: GRDB's SQL is also string-interpolatable, and would otherwise be picked here.
            let members: String = ids.map { (member: Int) -> String in
                let peer = linked && member != id ? "via.n\(member).peer" : "n\(member).peer"
                return #""--member", "\#(member)={{n\#(member).host}}:{{\#(peer)}}/{{n\#(member).host}}:{{n\#(member).client}}""#
            }.joined(separator: ", ")
            return #"{"name": "n\#(id)", "command": "raftkv", "args": ["node", "--id", "\#(id)", "--cluster", "\#(name)", "--data-dir", "{{self.dataDir}}", "--tick-ms", "10", "--snapshot-interval", "25", \#(members)], "ports": {"peer": "auto", "client": "auto"}, "ready": {"grpc": {"port": "client"}}}"#
        }
        return #"{"name": "\#(name)", "nodes": [\#(entries.joined(separator: ", "))]}"#
    }

    /// Starts `nodes` members, runs `body`, and always tears the cluster down.
    static func with(name: String, nodes: Int = 3, linked: Bool = false, _ body: (RaftCluster) async throws -> Void) async throws {
        let topology = try Topology(name: name, manifest: Self.manifest(name: name, nodes: nodes, linked: linked))
        try await HeavyTestGate.shared.run { try await topology.run { topology in
            let cluster = RaftCluster(topology: topology, nodes: (1...nodes).map { "n\($0)" })
            do {
                try await body(cluster)
            } catch {
                // Whatever went wrong, the nodes' own words are the first thing to read.
                var logs = ""
                for node in cluster.nodes {
                    let run = try? await topology.labctl("logs", node)
                    logs += "--- \(node) (\((try? topology.node(node).phase.rawValue) ?? "?")) ---\n\(run?.output.suffix(3000) ?? "")\n"
                }
                throw TopologyFailure(message: "\(error)\n\(logs)")
            }
        } }
    }

    /// Every member's client address.
    func endpoints() throws -> [HostAndPort] {
        try self.nodes.map { HostAndPort(host: "127.0.0.1", port: try #require(try self.topology.node($0).ports["client"])) }
    }

    /// The node name of the current leader, once one is known.
    func leader(in session: RaftKVSession) async throws -> String {
        var found: String?
        try await eventually("a leader is elected", timeout: .seconds(20)) {
            for index in self.nodes.indices {
                if let status = try? await session.status(ofEndpoint: index), status.role == .leader {
                    found = self.nodes[index]
                    return true
                }
            }
            return false
        }
        return try #require(found)
    }

    func kill(_ node: String) async throws {
        let run = try await self.topology.labctl("kill", node)
        guard run.status == 0 else { throw TopologyFailure(message: "labctl kill \(node) failed\n\(run.transcript)") }
    }

    /// Runs a `labctl` network command (partition, heal, delay...) and fails unless it worked.
    func network(_ arguments: String...) async throws {
        let run = try await self.topology.labctl(arguments: arguments)
        guard run.status == 0 else { throw TopologyFailure(message: "labctl \(arguments.joined(separator: " ")) failed\n\(run.transcript)") }
    }

    func restart(_ node: String) async throws {
        let run = try await self.topology.labctl("restart", node)
        guard run.status == 0 else { throw TopologyFailure(message: "labctl restart \(node) failed\n\(run.transcript)") }
    }
}
