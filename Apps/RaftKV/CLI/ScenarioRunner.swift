import Foundation
import RaftCore
import RaftSuite

/// Runs scenarios of the suite against the reference core and prints one line per scenario.
struct ScenarioRunner {
    var scenarios: [RaftScenario]
    var seed: UInt64
    var traceDirectory: String?

    func run() -> SimulationSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var failed: [SimulationSummary.Failure] = []
        print("running \(self.scenarios.count) scenarios with seed \(self.seed)")
        for scenario in self.scenarios {
            let began = clock.now
            let outcome = scenario.run(node: RaftKVCommand.core, seed: self.seed, traceDirectory: self.traceDirectory)
            let ms = (clock.now - began) / .milliseconds(1)
            let columns = scenario.part.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                + scenario.name.padding(toLength: 29, withPad: " ", startingAt: 0)
            print("  " + columns + String(format: "%7.0f ms  ", ms) + "\(outcome)")
            if case .failed(let failure, let trace) = outcome {
                failed.append(.init(
                    name: scenario.name, message: failure.message,
                    replay: "raftkv sim --scenario \(scenario.name) --seed \(self.seed) --trace-dir traces", trace: trace))
            }
        }
        let summary = SimulationSummary(
            kind: "scenarios", runs: self.scenarios.count, failures: failed.count,
            seconds: (clock.now - start) / .seconds(1), operations: 0, failed: failed)
        summary.printTable()
        return summary
    }
}
