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
}
