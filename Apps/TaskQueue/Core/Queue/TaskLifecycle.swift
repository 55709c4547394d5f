import Foundation

/// The lease/ack/retry state machine of one task, as pure functions: a record and an event in,
/// the next record (or a refusal) out. Backends only load, call these, and store the result, so
/// the SQLite and PostgreSQL queues share one set of rules, and the rules are testable without
/// any database or clock.
///
///     queued ──lease──▶ leased ──complete──▶ done
///       ▲                 │ fail / lease expired
///       └── backoff ◀─────┤ (attempts < max)
///                         └──────────────────▶ dead ──requeue──▶ queued
public enum TaskLifecycle: TaskLifecycleRules {
    /// Leases a leasable task to `worker`. Reclaiming an expired lease counts the lost attempt as a
    /// failure, so a task whose workers keep crashing ends in the dead-letter list: check the returned
    /// record's state, which is `.dead` instead of `.leased` in that case.
    public static func lease(
        _ task: TaskRecord, to worker: String, token: String, now: Date, policy: QueuePolicy
    ) -> TaskRecord {
        precondition(task.isLeasable(at: now), "lease of a task that is not leasable")
        var next = task
        if task.state == .leased {
            next.lastError = "lease held by \(task.leaseOwner ?? "a worker") expired after \(policy.visibilityTimeout)"
            if task.attempts >= task.maxAttempts {
                return self.deadLetter(next, now: now)
            }
        }
        next.state = .leased
        next.attempts += 1
        next.leaseOwner = worker
        next.leaseToken = token
        next.leaseExpiresAt = now + policy.visibilityTimeout / .seconds(1)
        next.updatedAt = now
        return next
    }

    /// Pushes the lease's expiry to `now + visibilityTimeout` for a worker still working.
    public static func extend(_ task: TaskRecord, token: String, now: Date, policy: QueuePolicy) throws(LeaseError) -> TaskRecord {
        try self.requireLease(task, token: token, now: now)
        var next = task
        next.leaseExpiresAt = now + policy.visibilityTimeout / .seconds(1)
        next.updatedAt = now
        return next
    }

    /// Records the result of a leased task. A lease that expired but was not yet taken by another
    /// worker is still honoured: the work was done and nobody else is doing it.
    public static func complete(
        _ task: TaskRecord, token: String, result: String, worker: String, now: Date
    ) throws(LeaseError) -> TaskRecord {
        try self.requireLease(task, token: token, now: nil)
        var next = task
        next.state = .done
        next.result = result
        next.worker = worker
        next.finishedAt = now
        next.updatedAt = now
        self.clearLease(&next)
        return next
    }

    /// Records a failed attempt: the task backs off and is retried, or is dead-lettered once it
    /// has had `maxAttempts` attempts.
    public static func fail(
        _ task: TaskRecord, token: String, error: String, now: Date, policy: QueuePolicy
    ) throws(LeaseError) -> TaskRecord {
        try self.requireLease(task, token: token, now: nil)
        var next = task
        next.lastError = error
        next.updatedAt = now
        self.clearLease(&next)
        if next.attempts >= next.maxAttempts {
            return self.deadLetter(next, now: now)
        }
        next.state = .queued
        next.visibleAt = now + policy.retryDelay(afterAttempt: next.attempts) / .seconds(1)
        return next
    }

    /// Puts a dead-lettered task back in the queue with a fresh set of attempts.
    public static func requeue(_ task: TaskRecord, now: Date) throws(LeaseError) -> TaskRecord {
        guard task.state == .dead else { throw .notDead(id: task.id, state: task.state) }
        var next = task
        next.state = .queued
        next.attempts = 0
        next.visibleAt = now
        next.finishedAt = nil
        next.updatedAt = now
        return next
    }

    private static func deadLetter(_ task: TaskRecord, now: Date) -> TaskRecord {
        var next = task
        next.state = .dead
        next.finishedAt = now
        next.updatedAt = now
        self.clearLease(&next)
        return next
    }

    private static func requireLease(_ task: TaskRecord, token: String, now: Date?) throws(LeaseError) {
        switch task.state {
        case .done, .dead:
            throw .alreadyFinished(id: task.id, state: task.state)
        case .queued:
            throw .leaseLost(id: task.id)
        case .leased:
            guard task.leaseToken == token else { throw .leaseLost(id: task.id) }
            if let now, let expiry = task.leaseExpiresAt, expiry <= now { throw .leaseLost(id: task.id) }
        }
    }

    private static func clearLease(_ task: inout TaskRecord) {
        task.leaseOwner = nil
        task.leaseToken = nil
        task.leaseExpiresAt = nil
    }
}
