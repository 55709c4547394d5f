import Foundation
import LabCheck
import LabNet
import LabTestSupport
import RaftKV
import RaftKVClient
import RaftSim
import RaftKVWorkload
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
                        try await KVWorkload(endpoints: endpoints, seed: seed).run(client: client, recorder: recorder, until: stop)
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
            // Read every key back after the dust settles: an acknowledged write that was lost shows up here.
            try await KVWorkload(endpoints: endpoints, seed: seed).readBack(recorder: recorder)
            let verdict = try LinearizabilityChecker(timeBudget: .seconds(30)).check(recorder.history)
            #expect(verdict.isLinearizable, "\(verdict) (seed \(seed))")
        }
    }
}
