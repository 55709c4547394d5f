import Foundation

/// The lease/ack/retry/dead-letter rules of one task, as pure static functions: what
/// `TaskLifecycle` implements for the queue's backends, and what a student's lifecycle implements
/// in the task-queue exercise. `TaskQueueSuite` grades any conforming type with the same checks.
public protocol TaskLifecycleRules: Sendable {
    /// Leases a task that `isLeasable(at: now)` to `worker`, proven by `token`, until
    /// `now + policy.visibilityTimeout`. Reclaiming an expired lease of a task that has had all its
    /// attempts dead-letters it instead.
    static func lease(_ task: TaskRecord, to worker: String, token: String, now: Date, policy: QueuePolicy) -> TaskRecord

    /// Pushes the expiry of the live lease proven by `token` to `now + policy.visibilityTimeout`.
    static func extend(_ task: TaskRecord, token: String, now: Date, policy: QueuePolicy) throws(LeaseError) -> TaskRecord

    /// Stores `result` of the lease proven by `token`: the task is done.
    static func complete(_ task: TaskRecord, token: String, result: String, worker: String, now: Date) throws(LeaseError) -> TaskRecord

    /// Records a failed attempt of the lease proven by `token`: the task backs off, or is dead-lettered.
    static func fail(_ task: TaskRecord, token: String, error: String, now: Date, policy: QueuePolicy) throws(LeaseError) -> TaskRecord

    /// Puts a dead-lettered task back in the queue with a fresh set of attempts.
    static func requeue(_ task: TaskRecord, now: Date) throws(LeaseError) -> TaskRecord
}
