import LabGrading
import MyRaft
import RaftSuite
import Testing

// The course's simulator suite against your core, one test per scenario. Run one step with
// `swift test --filter Election3A` (or Replication3B, Persistence3C, Snapshots3D), replay a failure
// with the `LAB_SEED=…` line it prints, and read the timeline in the trace file it names.

@Suite struct Election3A {
    @Test(arguments: RaftScenario.checks(of: StudentRaft.self, parts: [.election]))
    func scenario(_ check: GradedCheck) async { await grade(check, filter: "Election3A") }
}

@Suite struct Replication3B {
    @Test(arguments: RaftScenario.checks(of: StudentRaft.self, parts: [.replication]))
    func scenario(_ check: GradedCheck) async { await grade(check, filter: "Replication3B") }
}

@Suite struct Persistence3C {
    @Test(arguments: RaftScenario.checks(of: StudentRaft.self, parts: [.persistence]))
    func scenario(_ check: GradedCheck) async { await grade(check, filter: "Persistence3C") }
}

@Suite struct Snapshots3D {
    @Test(arguments: RaftScenario.checks(of: StudentRaft.self, parts: [.snapshots]))
    func scenario(_ check: GradedCheck) async { await grade(check, filter: "Snapshots3D") }
}

/// Runs one check and reports what went wrong, the trace and the replay command when it fails.
private func grade(_ check: GradedCheck, filter: String) async {
    let record = await Grading.run(check, testFilter: filter)
    if let report = record.failureReport { Issue.record(Comment(rawValue: report)) }
}
