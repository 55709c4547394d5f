import FileSharePieces
import LabGrading

/// The shared suite of the P2P piece exercise: graded checks of a piece picker and a piece
/// verifier, used by the exercise's tests (the student's types) and by the main repository's
/// (the course's `PiecePicker` and `PieceVerifier`). Every check is seeded; none trusts what the
/// code under test returns (a wrong answer fails the check with a message, it never crashes it).
public enum PieceExerciseSuite {
    /// The checks of `steps`, bound to the picker and verifier under test.
    public static func checks(
        picker: any PieceSelecting.Type, verifier: any PieceVerifying.Type, steps: [PieceStep] = PieceStep.allCases
    ) -> [GradedCheck] {
        let subjects = Subjects(picker: picker, verifier: verifier)
        return self.catalog.filter { steps.contains($0.step) }.map { $0.graded(subjects) }
    }

    /// Every check, step by step.
    static let catalog: [PieceCheck] = PieceCheck.picking + PieceCheck.sources + PieceCheck.verification + PieceCheck.download
}
