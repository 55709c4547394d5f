import TaskQueueCore

/// The tasks checks start from: leased, done or dead. Each is built with the rules under test and
/// verified, so that a check of a later rule fails with a clear "setup" message, naming the check
/// to fix first, while an earlier rule is still wrong.
extension LifecycleProbe {
    /// `task` leased to `worker` with `token` at `seconds`.
    func leased(_ task: TaskRecord, to worker: String = "w1", token: String = "a", at seconds: Double = 0) throws(CheckFailure) -> TaskRecord {
        let observed = try self.lease(task, to: worker, token: token, at: seconds)
        let record = observed.record
        let expiry = self.at(seconds + self.policy.visibilityTimeout / .seconds(1))
        try expect(record.state == .leased && record.leaseOwner == worker && record.leaseToken == token && record.leaseExpiresAt == expiry,
                   "setup: \(observed.call) gave \(describe(record)); expected it leased by \"\(worker)\" with token \"\(token)\" "
                   + "until \(timeLabel(expiry)) (fix check lease-sets-lease first)")
        return record
    }

    /// A new task leased to "w1" with token "a" at time zero, completed with result "X" at `seconds`.
    func done(at seconds: Double = 1) throws(CheckFailure) -> TaskRecord {
        let leased = try self.leased(self.newTask())
        let observed = try self.complete(leased, token: "a", result: "X", worker: "w1", at: seconds).accepted()
        try expect(observed.record.state == .done && observed.record.result == "X",
                   "setup: \(observed.call) gave \(describe(observed.record)); expected it done with result \"X\" "
                   + "(fix check complete-stores-result first)")
        return observed.record
    }

    /// A new task that failed all its attempts: leased with tokens "a1", "a2", … each time it
    /// became visible, and failed with errors "boom 1", "boom 2", … at once. Returns it and the
    /// time of the last failure.
    func dead() throws(CheckFailure) -> (task: TaskRecord, at: Double) {
        var task = self.newTask()
        var now = 0.0
        for attempt in 1...self.policy.maxAttempts {
            now = max(now, task.visibleAt.timeIntervalSince(Self.start))
            task = try self.leased(task, token: "a\(attempt)", at: now)
            task = try self.fail(task, token: "a\(attempt)", error: "boom \(attempt)", at: now).accepted().record
        }
        try expect(task.state == .dead,
                   "setup: after \(self.policy.maxAttempts) leases of a task with maxAttempts \(self.policy.maxAttempts), each failed "
                   + "with fail(…), the task is \(describe(task)); expected it dead (fix check dead-after-max-failures first)")
        return (task, now)
    }
}
