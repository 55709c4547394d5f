import LabGrading
import Testing
import TaskQueueCore
import TaskQueueSuite

/// The shared lifecycle suite against the reference `TaskLifecycle`, one test per check, through
/// the same grading path as the lease-queue exercise. `LAB_SEED=n` replays a seed.
@Suite("Task lifecycle (lease, ack, retry, dead letter)")
struct TaskLifecycleTests {
    @Test(arguments: TaskLifecycleSuite.checks(of: TaskLifecycle.self))
    func check(_ check: GradedCheck) async {
        let record = await Grading.run(check, testFilter: "TaskLifecycleTests")
        if let report = record.failureReport { Issue.record(Comment(rawValue: report)) }
    }

    @Test func retryDelayDoublesUpToTheCap() {
        let policy = QueuePolicy(visibilityTimeout: .seconds(10), maxAttempts: 3, retryBaseDelay: .seconds(1), retryMaxDelay: .seconds(3))
        #expect(policy.retryDelay(afterAttempt: 1) == .seconds(1))
        #expect(policy.retryDelay(afterAttempt: 2) == .seconds(2))
        #expect(policy.retryDelay(afterAttempt: 3) == .seconds(3))
        #expect(policy.retryDelay(afterAttempt: 40) == .seconds(3))
    }
}
