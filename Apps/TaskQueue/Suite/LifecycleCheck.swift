import LabGrading
import TaskQueueCore

/// One check of the suite before it is bound to the rules under test.
struct LifecycleCheck: Sendable {
    var step: TaskLifecycleSuite.Step
    var name: String
    var summary: String
    var points = 1
    var body: @Sendable (LifecycleProbe) throws(CheckFailure) -> Void

    /// Every check, step by step.
    static let all: [LifecycleCheck] = leaseAck + retryBackoff + deadLetter

    /// This check as a graded check of `rules`.
    func graded(against rules: any TaskLifecycleRules.Type) -> GradedCheck {
        GradedCheck(step: self.step.rawValue, name: self.name, summary: self.summary, points: self.points) { seed in
            do throws(CheckFailure) {
                try self.body(LifecycleProbe(rules: rules, seed: seed))
                return .passed
            } catch {
                return .failed(message: error.message, trace: error.trace)
            }
        }
    }
}

/// Why a check failed: what was expected and what happened, and optionally a file with the run.
struct CheckFailure: Error {
    var message: String
    var trace: String?

    init(_ message: String, trace: String? = nil) {
        self.message = message
        self.trace = trace
    }
}

/// Fails the check with `message` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(CheckFailure) {
    if !condition { throw CheckFailure(message()) }
}
