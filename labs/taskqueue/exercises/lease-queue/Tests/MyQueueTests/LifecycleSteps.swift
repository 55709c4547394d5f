import LabGrading
import MyQueue
import TaskQueueSuite
import Testing

// The course's lifecycle suite against your StudentLifecycle, one test per check. Run one step with
// `swift test --filter LeaseAck1` (or RetryBackoff2, DeadLetter3), and replay a failure with the
// `LAB_SEED=…` line it prints.

@Suite struct LeaseAck1 {
    @Test(arguments: TaskLifecycleSuite.checks(of: StudentLifecycle.self, steps: [.leaseAck]))
    func check(_ check: GradedCheck) async { await grade(check, filter: "LeaseAck1") }
}

@Suite struct RetryBackoff2 {
    @Test(arguments: TaskLifecycleSuite.checks(of: StudentLifecycle.self, steps: [.retryBackoff]))
    func check(_ check: GradedCheck) async { await grade(check, filter: "RetryBackoff2") }
}

@Suite struct DeadLetter3 {
    @Test(arguments: TaskLifecycleSuite.checks(of: StudentLifecycle.self, steps: [.deadLetter]))
    func check(_ check: GradedCheck) async { await grade(check, filter: "DeadLetter3") }
}

/// Runs one check and reports what went wrong and the replay command when it fails.
private func grade(_ check: GradedCheck, filter: String) async {
    let record = await Grading.run(check, testFilter: filter)
    if let report = record.failureReport { Issue.record(Comment(rawValue: report)) }
}
