import Foundation
import LabCheck
import LabTestSupport
import RaftKVClient
import RaftKVWorkload
import Testing

extension RaftCluster {
    /// Runs three workload clients while `faults` does its damage, reads every key back once the
    /// dust settles (an acknowledged write that was lost shows up there), and checks that the
    /// whole history is linearizable, writing the timeline of a violation for the test log.
    func expectLinearizable(during faults: (RaftKVSession) async throws -> Void) async throws {
        let endpoints = try self.endpoints()
        let recorder = SharedHistoryRecorder()
        let stop = StopFlag()
        let seed = SeededGenerator.seedForTest()
        let workload = KVWorkload(endpoints: endpoints, seed: seed)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<3 {
                group.addTask { try await workload.run(client: client, recorder: recorder, until: stop) }
            }
            try await withRaftKVSession(endpoints: endpoints) { session in try await faults(session) }
            stop.raise()
            var completed = 0
            for try await count in group { completed += count }
            #expect(completed > 30, "clients completed only \(completed) operations (seed \(seed))")
        }
        try await workload.readBack(recorder: recorder)
        let verdict = try LinearizabilityChecker(timeBudget: .seconds(30)).check(recorder.history)
        if let violation = verdict.violation, let report = try? TimelineReport(violation: violation, history: recorder.history) {
            let url = try? report.write(toDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("distlab-raft-reports"))
            Issue.record("history not linearizable (seed \(seed)): \(violation)\n  report: \(url?.path ?? "-")")
        }
        #expect(verdict.isLinearizable, "\(verdict) (seed \(seed))")
    }
}
