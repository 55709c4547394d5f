import Foundation
import LabCheck
import LabNet
import LabTestSupport
import RaftKV
import RaftKVClient
import RaftSim
import RaftKVWorkload
import Synchronization
import Testing

/// raftkv as real processes: killing the leader under load loses no acknowledged write, and the
/// clients' history is linearizable.
@Suite("raftkv failover")
struct FailoverTests {
    @Test func killingTheLeaderUnderLoadKeepsTheHistoryLinearizable() async throws {
        try await RaftCluster.with(name: "raft-failover") { cluster in
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
                    try await Task.sleep(for: .milliseconds(700))
                    try await cluster.kill(leader)
                    try await Task.sleep(for: .milliseconds(1500))
                    try await cluster.restart(leader)
                    try await Task.sleep(for: .milliseconds(700))
                }
                stop.raise()
                var completed = 0
                for try await count in group { completed += count }
                #expect(completed > 30, "clients completed only \(completed) operations (seed \(seed))")
            }
            // Read every key back after the dust settles: an acknowledged write that was lost shows up here.
            try await KVWorkload(endpoints: endpoints, seed: seed).readBack(recorder: recorder)
            let verdict = try LinearizabilityChecker(timeBudget: .seconds(30)).check(recorder.history)
            if let violation = verdict.violation, let report = try? TimelineReport(violation: violation, history: recorder.history) {
                let url = try? report.write(toDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("distlab-raft-reports"))
                Issue.record("history not linearizable (seed \(seed)): \(violation)\n  report: \(url?.path ?? "-")")
            }
            #expect(verdict.isLinearizable, "\(verdict) (seed \(seed))")
        }
    }
}
