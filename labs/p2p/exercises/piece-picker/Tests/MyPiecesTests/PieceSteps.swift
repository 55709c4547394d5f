import FileShareSuite
import LabGrading
import MyPieces
import Testing

// The course's piece suite against your picker and verifier, one test per check. Run one step with
// `swift test --filter Picking1` (or Verification2, Download3) and replay a failure with the
// `LAB_SEED=…` line it prints.

@Suite struct Picking1 {
    @Test(arguments: PieceExerciseSuite.checks(picker: StudentPicker.self, verifier: StudentVerifier.self, steps: [.picking]))
    func check(_ check: GradedCheck) async { await grade(check, filter: "Picking1") }
}

@Suite struct Verification2 {
    @Test(arguments: PieceExerciseSuite.checks(picker: StudentPicker.self, verifier: StudentVerifier.self, steps: [.verification]))
    func check(_ check: GradedCheck) async { await grade(check, filter: "Verification2") }
}

@Suite struct Download3 {
    @Test(arguments: PieceExerciseSuite.checks(picker: StudentPicker.self, verifier: StudentVerifier.self, steps: [.download]))
    func check(_ check: GradedCheck) async { await grade(check, filter: "Download3") }
}

/// Runs one check and reports what went wrong and the replay command when it fails.
private func grade(_ check: GradedCheck, filter: String) async {
    let record = await Grading.run(check, testFilter: filter)
    if let report = record.failureReport { Issue.record(Comment(rawValue: report)) }
}
