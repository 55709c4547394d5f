import Foundation
import TaskQueueCore

/// Your lifecycle of a task: the lease/ack/retry/dead-letter rules of the queue (the rules R1–R8 of
/// this exercise's README), as five pure functions. Each receives the task as it is stored and an
/// event, and returns the task as it must be stored next, or throws a `LeaseError` to refuse the
/// event (the stored task then stays as it was). Nothing here reads a clock or a database: `now` and
/// the `policy` are given, which is what lets the suite test every rule exactly.
///
///     queued ──lease──▶ leased ──complete──▶ done
///       ▲                 │ fail / lease expired
///       └── backoff ◀─────┤ (attempts < maxAttempts)
///                         └──────────────────▶ dead ──requeue──▶ queued
///
/// The parts to write are marked `TODO(1-lease-ack)`, `TODO(2-retry-backoff)` and
/// `TODO(3-dead-letter)`; do step 1 first, since every later check starts by leasing a task.
/// `TaskRecord` (the fields), `TaskState`, `QueuePolicy` (with `retryDelay(afterAttempt:)`) and
/// `LeaseError` are given. Use `task.maxAttempts`, not `policy.maxAttempts`: a task keeps the limit
/// it was submitted with. Whenever you change a task, also set `updatedAt = now` (the server shows
/// it; the checks do not look at it).
public enum StudentLifecycle: TaskLifecycleRules {
    /// Leases `task` to `worker`. The queue only calls it when `task.isLeasable(at: now)`: the task
    /// is queued and visible (`visibleAt <= now`), or leased by a worker whose lease has expired
    /// (`leaseExpiresAt <= now`: that worker crashed or hung). Cannot refuse; returns the new task.
    ///
    /// TODO(1-lease-ack), rule R1: the task becomes `.leased`, `attempts` goes up by one, and
    /// `leaseOwner`, `leaseToken` and `leaseExpiresAt` (`now + policy.visibilityTimeout`; a
    /// `Duration` becomes seconds with `policy.visibilityTimeout / .seconds(1)`) record the lease.
    ///
    /// TODO(2-retry-backoff), rule R2: when the task is still `.leased` (reclaiming an expired lease),
    /// set `lastError` to a message saying that the previous holder's lease expired (it must contain
    /// the word "expired").
    ///
    /// TODO(3-dead-letter), rule R7: …and if that expired lease was its last attempt
    /// (`attempts >= maxAttempts`), dead-letter the task instead of leasing it again: `.dead`,
    /// `finishedAt = now`, no lease, `attempts` unchanged.
    public static func lease(_ task: TaskRecord, to worker: String, token: String, now: Date, policy: QueuePolicy) -> TaskRecord {
        task
    }

    /// A worker still working on `task` pushes its lease's expiry forward. Returns the task with the
    /// new expiry, or throws.
    ///
    /// TODO(1-lease-ack), rules R3 and R4: refuse unless `token` proves the current lease (R3), and
    /// refuse with `.leaseLost(id:)` a lease that has expired (`leaseExpiresAt <= now`): another
    /// worker may be about to take the task. Otherwise `leaseExpiresAt = now + visibilityTimeout`;
    /// nothing else changes.
    public static func extend(_ task: TaskRecord, token: String, now: Date, policy: QueuePolicy) throws(LeaseError) -> TaskRecord {
        throw .leaseLost(id: task.id)
    }

    /// A worker hands in the `result` of `task`. Returns the finished task, or throws.
    ///
    /// TODO(1-lease-ack), rules R3 and R5: refuse unless `token` proves the current lease (R3): a
    /// finished task (done or dead) throws `.alreadyFinished(id:state:)`, so a duplicate
    /// acknowledgement never replaces the stored result; a queued task, or a lease with another
    /// token, throws `.leaseLost(id:)`. An *expired* lease with the right token is still honoured:
    /// nobody else has the task, and the work is done. The task becomes `.done` with `result`,
    /// `worker` and `finishedAt = now`, and no lease (`leaseOwner`, `leaseToken`, `leaseExpiresAt` nil).
    public static func complete(_ task: TaskRecord, token: String, result: String, worker: String, now: Date) throws(LeaseError) -> TaskRecord {
        throw .leaseLost(id: task.id)
    }

    /// A worker reports that its attempt at `task` failed with `error`. Returns the task to retry
    /// (or the dead task), or throws.
    ///
    /// TODO(2-retry-backoff), rules R3 and R6: refuse exactly as `complete` does (an expired lease
    /// with the right token is honoured too). Record `error` in `lastError` and clear the lease. The
    /// task goes back to `.queued`, invisible until `now + policy.retryDelay(afterAttempt: attempts)`
    /// (1 s, 2 s, 4 s… up to the cap, with the suite's policies).
    ///
    /// TODO(3-dead-letter), rule R7: when that attempt was the last (`attempts >= maxAttempts`),
    /// the task is dead-lettered instead: `.dead`, `finishedAt = now`, with the error in `lastError`.
    public static func fail(_ task: TaskRecord, token: String, error: String, now: Date, policy: QueuePolicy) throws(LeaseError) -> TaskRecord {
        throw .leaseLost(id: task.id)
    }

    /// An operator puts a dead-lettered `task` back in the queue. Returns the queued task, or throws.
    ///
    /// TODO(3-dead-letter), rule R8: only a `.dead` task can be requeued; any other throws
    /// `.notDead(id:state:)`. It becomes `.queued`, visible at once (`visibleAt = now`), with
    /// `attempts` back to 0 and `finishedAt` nil.
    public static func requeue(_ task: TaskRecord, now: Date) throws(LeaseError) -> TaskRecord {
        throw .notDead(id: task.id, state: task.state)
    }
}
