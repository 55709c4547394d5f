import ArgumentParser
import Foundation
import RaftCore
import RaftSuite

/// `raftkv sim`: randomized runs or the scenario suite, in virtual time.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run simulated clusters: many random seeds under faults, or the scenario suite.",
        discussion: """
            Each seed runs a key-value workload on a cluster while faults strike for --duration of \
            virtual time, heals it, and checks safety, agreement and linearizability. A failing seed \
            prints the command that replays it; with --trace-dir its timeline is written there.
            """
    )

    @Option(help: "Nodes in each cluster.")
    var nodes = 5

    @Option(help: "How many seeds to run.")
    var seeds = 100

    @Option(help: "The first seed (default: random). Seeds first, first+1, … are run.")
    var seed: UInt64?

    @Option(help: "Faults to inject: \(RandomizedRun.Faults.allCases.map(\.rawValue).joined(separator: ", ")).")
    var faults: RandomizedRun.Faults = .unreliable

    @Option(help: "Concurrent key-value clients.")
    var clients = 3

    @Option(help: "Seconds of virtual time under faults per seed.")
    var duration = 3.0

    @Option(help: "Snapshot every N applied entries (0: never).")
    var snapshotInterval = 20

    @Option(help: "Folder for the timelines of failing seeds or scenarios.")
    var traceDir: String?

    @Flag(help: "Run the scenario suite instead of random seeds.")
    var scenarios = false

    @Option(help: "Run only this scenario (see --list).")
    var scenario: String?

    @Flag(help: "List the scenarios.")
    var list = false

    @Option(help: "Write the summary as JSON to this file.")
    var json: String?

    mutating func validate() throws {
        guard (1...9).contains(self.nodes) else { throw ValidationError("--nodes must be between 1 and 9") }
        guard self.seeds > 0 else { throw ValidationError("--seeds must be at least 1") }
        guard self.duration > 0 && self.duration <= 600 else { throw ValidationError("--duration must be in (0, 600] seconds") }
        if let name = self.scenario, RaftScenario.named(name) == nil {
            throw ValidationError("no scenario named '\(name)'; see `raftkv sim --list`")
        }
    }

    func run() throws {
        if self.list {
            for scenario in RaftScenario.all {
                print("\(scenario.part.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(scenario.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(scenario.summary)")
            }
            return
        }
        let summary: SimulationSummary
        if self.scenarios || self.scenario != nil {
            let chosen = self.scenario.flatMap(RaftScenario.named).map { [$0] } ?? RaftScenario.all
            summary = ScenarioRunner(scenarios: chosen, seed: self.seed ?? .random(in: 0 ... .max), traceDirectory: self.traceDir).run()
        } else {
            let run = RandomizedRun(
                nodes: self.nodes, clients: self.clients, faults: self.faults, duration: .milliseconds(Int(self.duration * 1000)),
                snapshotInterval: self.snapshotInterval > 0 ? self.snapshotInterval : nil)
            summary = SeedCampaign(randomized: run, firstSeed: self.seed ?? .random(in: 0 ... (.max / 2)), count: self.seeds, traceDirectory: self.traceDir).run()
        }
        if let path = self.json {
            try summary.jsonData().write(to: URL(fileURLWithPath: path))
            print("summary written to \(path)")
        }
        if summary.failures > 0 { throw ExitCode(1) }
    }
}

extension RandomizedRun.Faults: ExpressibleByArgument {}
