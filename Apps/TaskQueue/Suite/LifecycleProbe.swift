import Foundation
import TaskQueueCore

/// Calls the rules under test on behalf of a check, at times counted in seconds from `start`, and
/// wraps each answer with the call that produced it, so that a failure can say what was asked.
/// Thrown errors become values: nothing the rules return or throw can crash a check.
struct LifecycleProbe: Sendable {
    /// Time zero of every check; messages show times as `t+10s`.
    static let start = Date(timeIntervalSince1970: 1_000_000)

    let rules: any TaskLifecycleRules.Type
    /// The check's seed, for the randomized checks.
    let seed: UInt64
    /// A 10 s lease, 3 attempts, retries after 1 s, 2 s, 3 s, 3 s…
    var policy = QueuePolicy(visibilityTimeout: .seconds(10), maxAttempts: 3, retryBaseDelay: .seconds(1), retryMaxDelay: .seconds(3))

    func at(_ seconds: Double) -> Date { Self.start + seconds }

    /// A new task queued at time zero, with the policy's `maxAttempts`.
    func newTask(id: String = "t1") -> TaskRecord {
        TaskRecord(id: id, op: "echo", data: "x", key: nil, maxAttempts: self.policy.maxAttempts, now: Self.start)
    }

    /// Leases `task`, which must be leasable then (the queue never leases any other task).
    func lease(_ task: TaskRecord, to worker: String, token: String, at seconds: Double) throws(CheckFailure) -> Observed {
        let call = "lease(\(task.id), to: \"\(worker)\", token: \"\(token)\", now: \(timeLabel(self.at(seconds))))"
        try expect(task.isLeasable(at: self.at(seconds)),
                   "the check wanted to call \(call), but the task is not leasable then (\(describe(task))); "
                   + "a queued task becomes leasable at visibleAt, a leased one at leaseExpiresAt")
        return Observed(call: call, record: self.rules.lease(task, to: worker, token: token, now: self.at(seconds), policy: self.policy))
    }

    func extend(_ task: TaskRecord, token: String, at seconds: Double) -> Attempt {
        Attempt(call: "extend(\(task.id), token: \"\(token)\", now: \(timeLabel(self.at(seconds))))", before: task) { () throws(LeaseError) in
            try self.rules.extend(task, token: token, now: self.at(seconds), policy: self.policy)
        }
    }

    func complete(_ task: TaskRecord, token: String, result: String, worker: String, at seconds: Double) -> Attempt {
        let call = "complete(\(task.id), token: \"\(token)\", result: \"\(result)\", worker: \"\(worker)\", now: \(timeLabel(self.at(seconds))))"
        return Attempt(call: call, before: task) { () throws(LeaseError) in
            try self.rules.complete(task, token: token, result: result, worker: worker, now: self.at(seconds))
        }
    }

    func fail(_ task: TaskRecord, token: String, error: String, at seconds: Double) -> Attempt {
        Attempt(call: "fail(\(task.id), token: \"\(token)\", error: \"\(error)\", now: \(timeLabel(self.at(seconds))))", before: task) { () throws(LeaseError) in
            try self.rules.fail(task, token: token, error: error, now: self.at(seconds), policy: self.policy)
        }
    }

    func requeue(_ task: TaskRecord, at seconds: Double) -> Attempt {
        Attempt(call: "requeue(\(task.id), now: \(timeLabel(self.at(seconds))))", before: task) { () throws(LeaseError) in
            try self.rules.requeue(task, now: self.at(seconds))
        }
    }
}
