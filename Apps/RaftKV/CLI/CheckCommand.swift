import ArgumentParser
import Foundation
import LabCheck

/// `raftkv check`: the linearizability checker on a recorded history and, on a violation, the
/// timeline that shows it.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a history (from `raftkv workload`) is linearizable; exit 0 if it is, 1 if not, 2 if unknown.",
        discussion: """
            With --report DIR, a violation is also written as DIR/violation.html: the operations around it on a timeline, the one that cannot be linearized marked.

            Example:
              raftkv check --history h.jsonl --report report/
            """
    )

    @Option(help: "The history file (JSON Lines).") var history: String
    @Option(help: "Folder for violation.html, on a violation.") var report: String?
    @Option(help: "Seconds the checker may search before answering unknown.") var timeBudget = 60.0

    func run() async throws {
        let history = try History(contentsOf: URL(fileURLWithPath: self.history))
        let verdict = try LinearizabilityChecker(timeBudget: .milliseconds(Int(self.timeBudget * 1_000))).check(history)
        if let report = self.report {
            let folder = URL(fileURLWithPath: report)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if let violation = verdict.violation {
                try TimelineReport(violation: violation, history: history).write(to: folder.appendingPathComponent("violation.html"))
            }
        }
        print(verdict)
        switch verdict {
        case .linearizable: print("verdict: linearizable")
        case .violation(let violation):
            print("verdict: NOT linearizable (key \(violation.key))" + (self.report.map { "; the timeline is in \($0)/violation.html" } ?? ""))
        case .unknown: print("verdict: unknown (the search was cut short; nothing proven)")
        }
        switch verdict {
        case .linearizable: return
        case .violation: throw ExitCode(1)
        case .unknown: throw ExitCode(2)
        }
    }
}
