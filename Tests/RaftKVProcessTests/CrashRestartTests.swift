import LabNet
import LabTestSupport
import RaftKV
import RaftKVClient
import Testing

/// raftkv as real processes: what was acknowledged survives kill -9 of every node in turn and of
/// all of them at once.
@Suite("raftkv crash and restart")
struct CrashRestartTests {
    @Test func acknowledgedWritesSurviveRestartsOfEachNodeAndOfAllNodes() async throws {
        try await RaftCluster.with(name: "raft-restarts") { cluster in
            let endpoints = try cluster.endpoints()
            var written: [String: String] = [:]
            try await withRaftKVSession(endpoints: endpoints) { session in
                for round in 0..<cluster.nodes.count {
                    for index in 0..<5 {
                        let key = "r\(round)k\(index)"
                        #expect(try await session.execute(.put(key: key, value: "v\(round).\(index)")) == .done)
                        written[key] = "v\(round).\(index)"
                    }
                    let node = cluster.nodes[round]
                    try await cluster.kill(node)
                    try await cluster.restart(node)
                }
                for node in cluster.nodes { try await cluster.kill(node) }
                for node in cluster.nodes { try await cluster.restart(node) }
                for (key, value) in written.sorted(by: { $0.key < $1.key }) {
                    #expect(try await session.execute(.get(key: key)) == .value(value), "key \(key) after restarting every node")
                }
            }
        }
    }

    @Test func aNodeFarBehindCatchesUpThroughAnInstalledSnapshot() async throws {
        try await RaftCluster.with(name: "raft-snapshot") { cluster in
            let endpoints = try cluster.endpoints()
            try await withRaftKVSession(endpoints: endpoints) { session in
                let leader = try await cluster.leader(in: session)
                let lagging = cluster.nodes.first { $0 != leader }!
                try await cluster.kill(lagging)
                // Far more entries than the snapshot interval (25): the leader compacts them away.
                for index in 0..<80 { _ = try await session.execute(.put(key: "s\(index % 10)", value: "\(index)")) }
                try await cluster.restart(lagging)
                let position = cluster.nodes.firstIndex(of: lagging)!
                try await eventually("\(lagging) catches up", timeout: .seconds(20)) {
                    // The client's connection to the restarted node may still be backing off: retry.
                    guard let status = try? await session.status(ofEndpoint: position) else { return false }
                    return status.appliedIndex >= 80 && status.snapshotIndex > 0
                }
                try await withRaftKVSession(endpoints: [endpoints[position]]) { direct async throws in
                    #expect(try await direct.execute(.get(key: "s9"), consistency: .stale) == .value("79"))
                }
            }
        }
    }
}
