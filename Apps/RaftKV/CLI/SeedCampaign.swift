import Foundation
import RaftCore
import RaftSuite

/// Runs consecutive seeds of a `RandomizedRun`, printing progress each second and a summary.
struct SeedCampaign {
    var randomized: RandomizedRun
    var firstSeed: UInt64
    var count: Int
    var traceDirectory: String?

    func run() -> SimulationSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var lastProgress = start
        var failures: [RandomizedOutcome] = []
        var operations = 0
        print("running \(self.count) seeds from \(self.firstSeed): \(self.randomized.nodes) nodes, \(self.randomized.clients) clients, faults \(self.randomized.faults.rawValue)")
        for offset in 0..<self.count {
            let seed = self.firstSeed &+ UInt64(offset)
            var outcome = self.randomized.run(seed: seed, node: RaftKVCommand.core)
            operations += outcome.operations
            if !outcome.passed {
                if self.traceDirectory != nil {
                    outcome = self.randomized.run(seed: seed, node: RaftKVCommand.core, traceDirectory: self.traceDirectory)
                }
                failures.append(outcome)
                print("\(outcome)\n  replay: \(self.replayCommand(seed: seed))")
            }
            if clock.now - lastProgress >= .seconds(1) || offset == self.count - 1 {
                lastProgress = clock.now
                let rate = Double(offset + 1) / max((clock.now - start) / .seconds(1), 0.001)
                print(String(format: "  %d/%d seeds · %.1f seeds/s · %d violations", offset + 1, self.count, rate, failures.count))
            }
        }
        let seconds = (clock.now - start) / .seconds(1)
        let summary = SimulationSummary(
            kind: "seeds", runs: self.count, failures: failures.count, seconds: seconds, operations: operations,
            failed: failures.map { .init(name: "seed \($0.seed)", message: $0.failure?.message ?? "", replay: self.replayCommand(seed: $0.seed), trace: $0.trace) })
        summary.printTable()
        return summary
    }

    func replayCommand(seed: UInt64) -> String {
        "raftkv sim --seed \(seed) --seeds 1 --nodes \(self.randomized.nodes) --clients \(self.randomized.clients) --faults \(self.randomized.faults.rawValue) "
            + "--duration \(Double(self.randomized.duration.components.seconds)) --snapshot-interval \(self.randomized.snapshotInterval ?? 0) --trace-dir traces"
    }
}
