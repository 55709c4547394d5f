import FileSharePieces
import LabGrading

/// The implementations a check exercises.
struct Subjects: Sendable {
    let picker: any PieceSelecting.Type
    let verifier: any PieceVerifying.Type
}

/// One check of the suite before it is bound to the implementations under test. Its body throws a
/// `CheckFailure` saying what was expected and what happened, or returns when the check passes.
struct PieceCheck: Sendable {
    var step: PieceStep
    var name: String
    var summary: String
    var points = 1
    var body: @Sendable (_ subjects: Subjects, _ seed: UInt64) throws(CheckFailure) -> Void

    /// This check as a graded check of `subjects`.
    func graded(_ subjects: Subjects) -> GradedCheck {
        GradedCheck(step: self.step.rawValue, name: self.name, summary: self.summary, points: self.points) { seed in
            do throws(CheckFailure) {
                try self.body(subjects, seed)
                return .passed
            } catch {
                return .failed(message: error.message)
            }
        }
    }
}
