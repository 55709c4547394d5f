import Foundation
import LabGrading
import RaftCore

/// The suite as graded checks, for the Raft exercise: one check per scenario, one point each.
extension RaftScenario {
    /// Where failing scenarios leave their timelines.
    public static let traceDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("distlab-raft-traces").path

    /// The scenarios of `parts`, as checks of the core `node`.
    public static func checks(of node: any RaftNode.Type, parts: [RaftPart]) -> [GradedCheck] {
        self.all.filter { parts.contains($0.part) }.map { $0.check(of: node) }
    }

    /// This scenario as a check of the core `node`.
    public func check(of node: any RaftNode.Type) -> GradedCheck {
        GradedCheck(step: self.part.rawValue, name: self.name, summary: self.summary) { seed in
            switch self.run(node: node, seed: seed, traceDirectory: RaftScenario.traceDirectory) {
            case .passed:
                return .passed
            case .skipped(let missing):
                return .skipped(reason: "\(node) does not list \(missing) in its capabilities; add it once implemented")
            case .failed(let failure, let trace):
                return .failed(message: "\(failure.message) (at virtual \(failure.when))", trace: trace)
            }
        }
    }
}
