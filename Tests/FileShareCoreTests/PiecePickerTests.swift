import FileShareCore
import FileShareSuite
import LabGrading
import Testing

/// The shared piece-exercise suite against the course's `PiecePicker` and `PieceVerifier`, one
/// test per check, through the same grading path as the piece-picker exercise. `LAB_SEED=n`
/// replays a seed.
@Suite struct PiecePickerTests {
    @Test(arguments: PieceExerciseSuite.checks(picker: PiecePicker.self, verifier: PieceVerifier.self))
    func check(_ check: GradedCheck) async {
        let record = await Grading.run(check, testFilter: "PiecePickerTests")
        if let report = record.failureReport { Issue.record(Comment(rawValue: report)) }
    }
}
