import LabGrading
import TaskQueueCore

/// The shared suite of the task queue's lease/ack/retry/dead-letter rules, as graded checks of any
/// `TaskLifecycleRules`: the main repository runs it against `TaskLifecycle`, the `lease-queue`
/// exercise against the student's lifecycle. The steps, in the order a student writes them:
///
/// - `1-lease-ack`: `lease` a queued task, `extend` the lease, `complete` it once; refuse
///   acknowledgements with a wrong or stale token, or of a finished task.
/// - `2-retry-backoff`: reclaim an expired lease (the old worker loses it); `fail` backs the task
///   off exponentially, up to the policy's cap.
/// - `3-dead-letter`: dead-letter a task after `maxAttempts`, `requeue` it, and random histories
///   of several workers checked against a model of the rules.
public enum TaskLifecycleSuite {
    /// A step of the exercise; its raw value is the step id of the checks' grade records.
    public enum Step: String, Sendable, CaseIterable, Codable {
        case leaseAck = "1-lease-ack"
        case retryBackoff = "2-retry-backoff"
        case deadLetter = "3-dead-letter"
    }

    /// The checks of `steps` (all of them by default), graded against `rules`.
    public static func checks(of rules: any TaskLifecycleRules.Type, steps: [Step] = Step.allCases) -> [GradedCheck] {
        LifecycleCheck.all.filter { steps.contains($0.step) }.map { $0.graded(against: rules) }
    }
}
