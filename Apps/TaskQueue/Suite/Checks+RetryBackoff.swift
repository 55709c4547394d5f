import TaskQueueCore

/// Step 2-retry-backoff: reclaiming expired leases and retrying failed attempts after a backoff.
extension LifecycleCheck {
    static let retryBackoff: [LifecycleCheck] = [
        LifecycleCheck(step: .retryBackoff, name: "expired-lease-reclaimed",
                       summary: "once a lease expires another worker can lease the task: a new attempt, with the expiry noted in lastError") { probe throws(CheckFailure) in
            let first = try probe.leased(probe.newTask(), to: "w1", token: "a", at: 0)
            let second = try probe.lease(first, to: "w2", token: "b", at: 10)
            try second.expect(\.state, "state", is: .leased)
            try second.expect(\.attempts, "attempts", is: 2, because: "the expired lease was attempt 1")
            try second.expect(\.leaseOwner, "leaseOwner", is: "w2")
            try second.expect(\.leaseToken, "leaseToken", is: "b")
            try second.expect(\.leaseExpiresAt, "leaseExpiresAt", is: probe.at(20), because: "now + visibilityTimeout of 10s")
            try expect(second.record.lastError?.contains("expired") == true,
                       "after \(second.call): lastError is \(show(second.record.lastError)); expected a message saying that "
                       + "the lease of \"w1\" expired (containing \"expired\")")
        },
        LifecycleCheck(step: .retryBackoff, name: "stale-worker-refused",
                       summary: "after its expired lease was taken by another worker, the old worker's complete, fail and extend throw leaseLost") { probe throws(CheckFailure) in
            let first = try probe.leased(probe.newTask(), to: "w1", token: "a", at: 0)
            let second = try probe.leased(first, to: "w2", token: "b", at: 10)
            try probe.complete(second, token: "a", result: "late", worker: "w1", at: 11).refused(with: .leaseLost(id: "t1"))
            try probe.fail(second, token: "a", error: "late", at: 11).refused(with: .leaseLost(id: "t1"))
            try probe.extend(second, token: "a", at: 11).refused(with: .leaseLost(id: "t1"))
            let done = try probe.complete(second, token: "b", result: "X", worker: "w2", at: 11).accepted()
            try done.expect(\.state, "state", is: .done)
            try done.expect(\.worker, "worker", is: "w2", because: "the current lease is w2's")
        },
        LifecycleCheck(step: .retryBackoff, name: "fail-backs-off",
                       summary: "fail queues the task again, invisible for policy.retryDelay(afterAttempt:), with the error in lastError and no lease") { probe throws(CheckFailure) in
            let leased = try probe.leased(probe.newTask())
            let failed = try probe.fail(leased, token: "a", error: "boom", at: 2).accepted()
            try failed.expect(\.state, "state", is: .queued, because: "attempt 1 of 3 failed: the task is retried")
            try failed.expect(\.attempts, "attempts", is: 1, because: "only a lease counts an attempt")
            try failed.expect(\.lastError, "lastError", is: "boom")
            try failed.expect(\.visibleAt, "visibleAt", is: probe.at(3), because: "now + retryDelay(afterAttempt: 1) = t+2s + 1s")
            try failed.expect(\.leaseOwner, "leaseOwner", is: nil, because: "a queued task has no lease")
            try failed.expect(\.leaseToken, "leaseToken", is: nil, because: "a queued task has no lease")
            try failed.expect(\.leaseExpiresAt, "leaseExpiresAt", is: nil, because: "a queued task has no lease")
            let retried = try probe.lease(failed.record, to: "w2", token: "b", at: 3)
            try retried.expect(\.attempts, "attempts", is: 2)
        },
        LifecycleCheck(step: .retryBackoff, name: "backoff-doubles-to-cap",
                       summary: "each failed attempt waits twice as long as the one before, up to retryMaxDelay") { probe throws(CheckFailure) in
            var probe = probe
            probe.policy = QueuePolicy(visibilityTimeout: .seconds(10), maxAttempts: 5, retryBaseDelay: .seconds(1), retryMaxDelay: .seconds(5))
            var task = probe.newTask()
            var now = 0.0
            for (attempt, delay) in zip(1..., [1.0, 2, 4, 5]) {
                task = try probe.leased(task, token: "a\(attempt)", at: now)
                let failed = try probe.fail(task, token: "a\(attempt)", error: "boom \(attempt)", at: now).accepted()
                try failed.expect(\.state, "state", is: .queued, because: "attempt \(attempt) of 5 failed: the task is retried")
                try failed.expect(\.visibleAt, "visibleAt", is: probe.at(now + delay),
                                  because: "the delay after attempt \(attempt) is 1s·2^\(attempt - 1) capped at 5s = \(Int(delay))s")
                task = failed.record
                now += delay
            }
        },
        LifecycleCheck(step: .retryBackoff, name: "late-fail-retried",
                       summary: "a lease that expired but was not taken by another worker may still report a failure, which backs off as usual") { probe throws(CheckFailure) in
            let leased = try probe.leased(probe.newTask())
            let failed = try probe.fail(leased, token: "a", error: "slow", at: 30).accepted()
            try failed.expect(\.state, "state", is: .queued, because: "nobody else has the task; attempt 1 of 3 failed")
            try failed.expect(\.visibleAt, "visibleAt", is: probe.at(31), because: "now + retryDelay(afterAttempt: 1) = t+30s + 1s")
        },
    ]
}
