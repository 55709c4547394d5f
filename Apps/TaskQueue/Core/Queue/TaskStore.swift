import Foundation

/// A durable queue backend. Each method is one atomic transaction that loads records, applies
/// `TaskLifecycle`, and stores the result before returning: what a method returned survives a
/// crash of the process. The one exception a store may make is `lease` (see there). SQLite
/// (embedded) and PostgreSQL (shared by many machines) implement it.
public protocol TaskStore: Sendable {
    /// The rules this store applies.
    var policy: QueuePolicy { get }

    /// Durably records a new task, or returns the task already submitted with the same key.
    func submit(_ submission: TaskSubmission, now: Date) async throws -> SubmitOutcome
    /// Leases up to `limit` leasable tasks, oldest first, to `worker`. A store may return before
    /// the lease is durable (SQLite does, to spare the worker a wait for fsync): a lease promises
    /// nothing to a client, and one lost to a crash only makes the task leasable again, so it is
    /// re-run and the lost lease's outcome is refused, as for an expired lease.
    func lease(worker: String, limit: Int, now: Date) async throws -> [TaskRecord]
    /// Submits like `submit(_:now:)` and then leases like `lease(worker:limit:now:)`, in that
    /// order: the hand-off of a new task to a worker that waits for one. A store may do both in
    /// one transaction and hand the leases to `whenLeased` before that is durable (SQLite does, so
    /// that the task runs while its insert is committed); the returned outcome is durable as
    /// `submit`'s is. `whenLeased` is called at most once, not at all if the submission fails.
    func submit(
        _ submission: TaskSubmission, now: Date, leasingTo worker: String, limit: Int,
        whenLeased: @escaping @Sendable ([TaskRecord]) -> Void
    ) async throws -> SubmitOutcome
    /// Extends a lease (see `TaskLifecycle.extend`).
    func extend(id: String, token: String, now: Date) async throws -> TaskRecord
    /// Stores a result: the task becomes done and its row in the results table is written, once.
    func complete(id: String, token: String, result: String, worker: String, now: Date) async throws -> TaskRecord
    /// Records a failed attempt (retry with backoff, or dead letter).
    func fail(id: String, token: String, error: String, now: Date) async throws -> TaskRecord
    /// Puts a dead-lettered task back in the queue.
    func requeue(id: String, now: Date) async throws -> TaskRecord
    /// The task with this id, if any.
    func task(id: String) async throws -> TaskRecord?
    /// Dead-lettered tasks, most recent first.
    func deadLetters(limit: Int) async throws -> [TaskRecord]
    /// Done tasks, the most recently finished first.
    func recentlyDone(limit: Int) async throws -> [TaskRecord]
    /// Counts by state, for `taskqueue stats`.
    func stats(now: Date) async throws -> QueueStats
}

extension TaskStore {
    /// One transaction after the other: the submission, then the lease (whose failure only means
    /// no task is handed over; the worker leases again by itself).
    public func submit(
        _ submission: TaskSubmission, now: Date, leasingTo worker: String, limit: Int,
        whenLeased: @escaping @Sendable ([TaskRecord]) -> Void
    ) async throws -> SubmitOutcome {
        let outcome = try await self.submit(submission, now: now)
        whenLeased((try? await self.lease(worker: worker, limit: limit, now: now)) ?? [])
        return outcome
    }
}

/// What a client asked to run.
public struct TaskSubmission: Sendable, Equatable {
    public var op: String
    public var data: String
    /// An idempotency key: the same key never creates (or runs) a second task.
    public var key: String?

    public init(op: String, data: String, key: String? = nil) {
        self.op = op
        self.data = data
        self.key = key
    }
}

/// The task a submission created or found.
public struct SubmitOutcome: Sendable, Equatable {
    public var task: TaskRecord
    /// False when the key matched an earlier submission and nothing new was queued.
    public var created: Bool

    public init(task: TaskRecord, created: Bool) {
        self.task = task
        self.created = created
    }
}

/// How many tasks are where, for dashboards and `taskqueue stats`.
public struct QueueStats: Sendable, Equatable, Codable {
    /// Queued and visible now.
    public var ready: Int
    /// Queued but backing off before a retry.
    public var delayed: Int
    public var leased: Int
    public var done: Int
    public var dead: Int
    /// Tasks that needed more than one attempt (finished or not).
    public var retried: Int

    public init(ready: Int = 0, delayed: Int = 0, leased: Int = 0, done: Int = 0, dead: Int = 0, retried: Int = 0) {
        self.ready = ready
        self.delayed = delayed
        self.leased = leased
        self.done = done
        self.dead = dead
        self.retried = retried
    }

    /// Tasks not yet finished.
    public var depth: Int { self.ready + self.delayed + self.leased }
}
