import Foundation
import LabGrading
import LabTestSupport
import RaftCore
import RaftSuite
import Testing

/// Many seeds of a key-value workload under random faults, every history checked for
/// linearizability. Prints the seeds per second; `LAB_SEED=n` replays from seed n.
@Suite(.serialized) struct RandomizedTests {
    @Test(arguments: RandomizedRun.Faults.allCases)
    func seedsUnderFaults(_ faults: RandomizedRun.Faults) async {
        let first = SeededGenerator.seedForTest()
        let count: UInt64 = 6
        let run = RandomizedRun(faults: faults)
        let clock = ContinuousClock()
        let start = clock.now
        var operations = 0
        for seed in first..<(first &+ count) {
            let outcome = await onDedicatedThread { run.run(seed: seed, node: ReferenceRaft.self) }
            operations += outcome.operations
            if !outcome.passed {
                // Replay the failing seed with its timeline kept, for the report.
                let traced = await onDedicatedThread { run.run(seed: seed, node: ReferenceRaft.self, traceDirectory: RaftScenario.traceDirectory) }
                Issue.record("\(faults): \(traced)\n  replay: LAB_SEED=\(seed) swift test --filter RandomizedTests")
                return
            }
        }
        let seconds = (clock.now - start) / .seconds(1)
        print("randomized \(faults): \(count) seeds from \(first), \(operations) client operations, "
            + String(format: "%.1f seeds/s", Double(count) / seconds))
        #expect(operations > Int(count) * 10, "clients completed only \(operations) operations in \(count) runs")
    }
}
