import Foundation
import LabCheck

/// Checking the clients' history.
extension SimulatedCluster {
    /// Whether the clients' history is linearizable for a key-value store.
    public func checkLinearizability(budget: Duration = .seconds(20)) -> CheckVerdict {
        do {
            return try LinearizabilityChecker(timeBudget: budget).check(self.history)
        } catch {
            return .unknown(reason: "the history is malformed: \(error)")
        }
    }

    /// Writes the HTML timeline of a violation into `directory`; nil when there is none or writing failed.
    public func writeViolationReport(_ verdict: CheckVerdict, to directory: URL) -> URL? {
        guard let violation = verdict.violation,
              let report = try? TimelineReport(violation: violation, history: self.history)
        else { return nil }
        return try? report.write(toDirectory: directory)
    }
}
