import TaskQueueCore

/// Step 3-dead-letter: giving up after `maxAttempts`, requeueing, and random histories.
extension LifecycleCheck {
    static let deadLetter: [LifecycleCheck] = [
        LifecycleCheck(step: .deadLetter, name: "dead-after-max-failures",
                       summary: "the failure of the last allowed attempt dead-letters the task, which then refuses acknowledgements") { probe throws(CheckFailure) in
            var task = probe.newTask()
            for (attempt, now) in zip(1...2, [0.0, 1]) {
                task = try probe.leased(task, token: "a\(attempt)", at: now)
                task = try probe.fail(task, token: "a\(attempt)", error: "boom \(attempt)", at: now).accepted().record
            }
            task = try probe.leased(task, token: "a3", at: 3)
            let dead = try probe.fail(task, token: "a3", error: "boom 3", at: 3).accepted()
            try dead.expect(\.state, "state", is: .dead, because: "attempt 3 of 3 failed")
            try dead.expect(\.attempts, "attempts", is: 3)
            try dead.expect(\.lastError, "lastError", is: "boom 3")
            try dead.expect(\.finishedAt, "finishedAt", is: probe.at(3))
            try dead.expect(\.leaseOwner, "leaseOwner", is: nil, because: "a dead task has no lease")
            try dead.expect(\.leaseToken, "leaseToken", is: nil, because: "a dead task has no lease")
            try dead.expect(\.leaseExpiresAt, "leaseExpiresAt", is: nil, because: "a dead task has no lease")
            try probe.complete(dead.record, token: "a3", result: "X", worker: "w1", at: 4).refused(with: .alreadyFinished(id: "t1", state: .dead))
        },
        LifecycleCheck(step: .deadLetter, name: "crashing-workers-dead-lettered",
                       summary: "reclaiming an expired lease of a task that had all its attempts dead-letters it instead of leasing it again") { probe throws(CheckFailure) in
            var task = probe.newTask()
            for attempt in 1...3 {
                let leased = try probe.lease(task, to: "w\(attempt)", token: "a\(attempt)", at: Double(attempt - 1) * 10)
                try leased.expect(\.state, "state", is: .leased, because: "attempt \(attempt) of 3")
                try leased.expect(\.attempts, "attempts", is: attempt)
                task = leased.record
            }
            let dead = try probe.lease(task, to: "w4", token: "a4", at: 30)
            try dead.expect(\.state, "state", is: .dead, because: "the lease of attempt 3 of 3 expired: the task's workers keep crashing")
            try dead.expect(\.attempts, "attempts", is: 3, because: "a dead-lettered task gets no new attempt")
            try dead.expect(\.leaseToken, "leaseToken", is: nil, because: "a dead task has no lease")
            try expect(dead.record.lastError?.contains("expired") == true,
                       "after \(dead.call): lastError is \(show(dead.record.lastError)); expected a message saying that "
                       + "the last lease expired (containing \"expired\")")
        },
        LifecycleCheck(step: .deadLetter, name: "requeue-revives-dead",
                       summary: "requeue puts a dead task back in the queue, visible now, with a fresh set of attempts") { probe throws(CheckFailure) in
            let (dead, now) = try probe.dead()
            let requeued = try probe.requeue(dead, at: now + 100).accepted()
            try requeued.expect(\.state, "state", is: .queued)
            try requeued.expect(\.attempts, "attempts", is: 0, because: "a fresh set of attempts")
            try requeued.expect(\.visibleAt, "visibleAt", is: probe.at(now + 100), because: "visible at once")
            try requeued.expect(\.finishedAt, "finishedAt", is: nil, because: "it is not finished any more")
            let leased = try probe.lease(requeued.record, to: "w1", token: "b", at: now + 100)
            try leased.expect(\.state, "state", is: .leased)
            try leased.expect(\.attempts, "attempts", is: 1)
        },
        LifecycleCheck(step: .deadLetter, name: "requeue-only-dead",
                       summary: "requeue of a queued, leased or done task throws notDead") { probe throws(CheckFailure) in
            let queued = probe.newTask()
            try probe.requeue(queued, at: 0).refused(with: .notDead(id: "t1", state: .queued))
            try probe.requeue(try probe.leased(queued), at: 1).refused(with: .notDead(id: "t1", state: .leased))
            try probe.requeue(try probe.done(), at: 2).refused(with: .notDead(id: "t1", state: .done))
        },
        LifecycleCheck(step: .deadLetter, name: "random-histories", summary: RandomHistories.summary, points: 3) { probe throws(CheckFailure) in
            try RandomHistories(probe: probe).run()
        },
    ]
}
