import Foundation
import LabCheck
import LabNet
import LabTestSupport
import RaftKV
import RaftKVClient
import RaftSim
import Testing

/// raftkv under labctl's network faults: the leader cut off from the majority (the majority
/// elects another, the old one cannot commit), then healed; the clients' history stays
/// linearizable and no acknowledged write is lost.
@Suite("raftkv partitions")
struct PartitionTests {
    @Test func partitioningTheLeaderFromTheMajorityKeepsTheHistoryLinearizable() async throws {
        try await RaftCluster.with(name: "raft-partition", linked: true) { cluster in
            let endpoints = try cluster.endpoints()
            let recorder = SharedHistoryRecorder()
            let stop = StopFlag()
            let seed = SeededGenerator.seedForTest()
            try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<3 {
                    group.addTask {
                        try await Workload.run(client: client, endpoints: endpoints, seed: seed, recorder: recorder, until: stop)
                    }
                }
                try await withRaftKVSession(endpoints: endpoints) { session in
                    let leader = try await cluster.leader(in: session)
                    try await cluster.network("partition", leader)
                    // The majority side elects a leader of its own.
                    try await eventually("a node other than \(leader) leads", timeout: .seconds(20)) {
                        for (index, node) in cluster.nodes.enumerated() where node != leader {
                            if let status = try? await session.status(ofEndpoint: index), status.role == .leader { return true }
                        }
                        return false
                    }
                    try await Task.sleep(for: .milliseconds(500))
                    try await cluster.network("heal")
                    try await Task.sleep(for: .milliseconds(500))
                }
                stop.raise()
                var completed = 0
                for try await count in group { completed += count }
                #expect(completed > 30, "clients completed only \(completed) operations (seed \(seed))")
            }
            try await withRaftKVSession(endpoints: endpoints) { session in
                for key in Workload.keys {
                    let process = 100 + Workload.keys.firstIndex(of: key)!
                    _ = try recorder.invoke(process: process, op: .get(key: key))
                    let result = try await session.execute(.get(key: key))
                    _ = try recorder.ok(process: process, output: HistoryMapping.output(result))
                }
            }
            let verdict = try LinearizabilityChecker(timeBudget: .seconds(30)).check(recorder.history)
            #expect(verdict.isLinearizable, "\(verdict) (seed \(seed))")
        }
    }
}
