import Foundation
import LabCheck
import RaftSim

extension ScenarioContext {
    /// Checks the clients' history with the linearizability checker; on a violation the failure
    /// names the HTML timeline written to the temporary folder. A search cut short fails too: an
    /// unchecked history proves nothing.
    public func expectLinearizable(_ cluster: SimulatedCluster, budget: Duration = .seconds(20)) throws(SimulationFailure) {
        let verdict = cluster.checkLinearizability(budget: budget)
        switch verdict {
        case .linearizable:
            return
        case .violation:
            let report = cluster.writeViolationReport(verdict, to: FileManager.default.temporaryDirectory.appendingPathComponent("distlab-raft-reports"))
            try self.expect(false, "\(verdict)" + (report.map { "\n  report: \($0.path)" } ?? ""))
        case .unknown:
            try self.expect(false, "the checker could not decide within \(budget): \(verdict)")
        }
    }
}
