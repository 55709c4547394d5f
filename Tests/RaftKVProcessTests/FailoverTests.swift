import Foundation
import LabCheck
import LabNet
import LabTestSupport
import RaftKV
import RaftKVClient
import RaftSim
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
                        try await Workload.run(client: client, endpoints: endpoints, seed: seed, recorder: recorder, until: stop)
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
            try await withRaftKVSession(endpoints: endpoints) { session in
                for key in Workload.keys {
                    let process = 100 + Workload.keys.firstIndex(of: key)!
                    _ = try recorder.invoke(process: process, op: .get(key: key))
                    let result = try await session.execute(.get(key: key))
                    _ = try recorder.ok(process: process, output: HistoryMapping.output(result))
                }
            }
            let verdict = try LinearizabilityChecker(timeBudget: .seconds(30)).check(recorder.history)
            if let violation = verdict.violation, let report = try? TimelineReport(violation: violation, history: recorder.history) {
                let url = try? report.write(toDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("distlab-raft-reports"))
                Issue.record("history not linearizable (seed \(seed)): \(violation)\n  report: \(url?.path ?? "-")")
            }
            #expect(verdict.isLinearizable, "\(verdict) (seed \(seed))")
        }
    }
}

/// What each test client does: random operations on a few keys until told to stop.
enum Workload {
    static let keys = ["a", "b", "c"]

    /// Runs one client; returns how many operations it completed.
    static func run(client: Int, endpoints: [HostAndPort], seed: UInt64, recorder: SharedHistoryRecorder, until stop: StopFlag) async throws -> Int {
        var random = SeededGenerator(seed: seed &+ UInt64(client))
        var process = client
        var completed = 0
        try await withRaftKVSession(endpoints: endpoints, deadline: .seconds(4)) { session in
            var step = 0
            while !stop.isRaised {
                step += 1
                let key = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
                let value = "\(client).\(step)"
                let operation: RaftKV.KVOperation = switch random.next() % 4 {
                case 0: .get(key: key)
                case 1: .put(key: key, value: value)
                case 2: .append(key: key, suffix: value + ";")
                default: .cas(key: key, expected: nil, new: value)
                }
                _ = try recorder.invoke(process: process, op: HistoryMapping.operation(operation)!)
                do {
                    let result = try await session.execute(operation)
                    _ = try recorder.ok(process: process, output: HistoryMapping.output(result))
                    completed += 1
                } catch {
                    if operation.isRead {
                        _ = try recorder.fail(process: process)
                    } else {
                        // Unknown outcome: the write may have been applied. Its process is retired.
                        _ = try recorder.info(process: process)
                        process += 10
                    }
                }
            }
        }
        return completed
    }
}

/// Tells the test's clients to finish their current operation and stop.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { self.raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { self.raised.load(ordering: .relaxed) }
}
