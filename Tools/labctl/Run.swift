import ArgumentParser
import Foundation
import LabControl

/// `labctl run`: a scripted scenario — topology, workload, timed faults, check, report.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario: start its topology, run its workload, inject its faults on time, check the result.",
        discussion: """
            A scenario is a JSON file (see labs/raft/scenarios/): the manifest to start, the workload to run and for how long, faults at given times ("kill the leader at t=3 s", "partition n1 from the rest at t=4 s, heal at t=8 s"), and a check whose exit status is the verdict. labctl prints a live status line, then a summary; the report folder keeps the history, the check's findings (for raftkv: latency.svg and, on a violation, violation.html), faults.json, summary.json, and every node's log.

            Exit status: 0 if the check passed, 1 if it failed, 2 if the scenario could not run.

            Examples:
              labctl run labs/raft/scenarios/leader-partition.json
              labctl run labs/raft/scenarios/stale-reads.json --seed 7 --report /tmp/stale
            """
    )

    @Argument(help: "The scenario file.") var scenario: String
    @Option(help: "Seeds the fault times (and network randomness); printed, so a run can be replayed.") var seed: UInt64?
    @Option(help: "The report folder (default: .lab/reports/SCENARIO-SEED).") var report: String?
    @Option(help: "Run for this many seconds instead, with fault times scaled to match.") var duration: Double?
    @Option(help: "The folder that holds run directories.") var runDir: String = ".lab"

    func run() async throws {
        let url = URL(fileURLWithPath: self.scenario).standardizedFileURL
        let seed = self.seed ?? UInt64.random(in: 0...999_999)
        let name = url.deletingPathExtension().lastPathComponent
        let report = URL(fileURLWithPath: self.report ?? "\(self.runDir)/reports/\(name)-\(seed)").standardizedFileURL
        let terminal = isatty(STDOUT_FILENO) == 1
        let runner = ScenarioRunner(
            scenarioURL: url, root: URL(fileURLWithPath: self.runDir).standardizedFileURL, report: report, seed: seed, duration: self.duration,
            say: { line in
                if terminal { print("\r\u{1B}[K", terminator: "") }
                print(line)
                fflush(nil)
            },
            live: { line in
                guard terminal else { return }
                print("\r\u{1B}[K\(line)", terminator: "")
                fflush(nil)
            })
        let summary: ScenarioSummary
        do {
            summary = try await runner.run()
        } catch {
            throw fail(error, code: 2)
        }
        print(summary.table)
        if !summary.passed { throw ExitCode(1) }
    }
}
