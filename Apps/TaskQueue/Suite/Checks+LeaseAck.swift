import TaskQueueCore

/// Step 1-lease-ack: leasing, extending and acknowledging, with the lease token as proof.
extension LifecycleCheck {
    static let leaseAck: [LifecycleCheck] = [
        LifecycleCheck(step: .leaseAck, name: "lease-sets-lease",
                       summary: "lease makes a queued task leased by the worker, with its token, one more attempt and an expiry of now + visibilityTimeout") { probe throws(CheckFailure) in
            let leased = try probe.lease(probe.newTask(), to: "w1", token: "a", at: 0)
            try leased.expect(\.state, "state", is: .leased)
            try leased.expect(\.attempts, "attempts", is: 1, because: "every lease is an attempt")
            try leased.expect(\.leaseOwner, "leaseOwner", is: "w1")
            try leased.expect(\.leaseToken, "leaseToken", is: "a")
            try leased.expect(\.leaseExpiresAt, "leaseExpiresAt", is: probe.at(10), because: "now + visibilityTimeout of 10s")
        },
        LifecycleCheck(step: .leaseAck, name: "complete-stores-result",
                       summary: "complete with the lease's token makes the task done with the result and worker, and clears the lease") { probe throws(CheckFailure) in
            let leased = try probe.leased(probe.newTask())
            let done = try probe.complete(leased, token: "a", result: "X", worker: "w1", at: 1).accepted()
            try done.expect(\.state, "state", is: .done)
            try done.expect(\.result, "result", is: "X")
            try done.expect(\.worker, "worker", is: "w1")
            try done.expect(\.attempts, "attempts", is: 1, because: "completing is not an attempt")
            try done.expect(\.finishedAt, "finishedAt", is: probe.at(1))
            try done.expect(\.leaseOwner, "leaseOwner", is: nil, because: "a finished task has no lease")
            try done.expect(\.leaseToken, "leaseToken", is: nil, because: "a finished task has no lease")
            try done.expect(\.leaseExpiresAt, "leaseExpiresAt", is: nil, because: "a finished task has no lease")
        },
        LifecycleCheck(step: .leaseAck, name: "duplicate-ack-refused",
                       summary: "a done task keeps its one result: a second complete, a fail or an extend throws alreadyFinished") { probe throws(CheckFailure) in
            let done = try probe.done()
            let finished = LeaseError.alreadyFinished(id: "t1", state: .done)
            try probe.complete(done, token: "a", result: "Y", worker: "w1", at: 2).refused(with: finished)
            try probe.fail(done, token: "a", error: "boom", at: 2).refused(with: finished)
            try probe.extend(done, token: "a", at: 2).refused(with: finished)
        },
        LifecycleCheck(step: .leaseAck, name: "wrong-token-refused",
                       summary: "complete, fail and extend without the current lease's token throw leaseLost; the right token still works") { probe throws(CheckFailure) in
            let queued = probe.newTask()
            try probe.complete(queued, token: "a", result: "X", worker: "w1", at: 0).refused(with: .leaseLost(id: "t1"))
            let leased = try probe.leased(queued)
            try probe.complete(leased, token: "b", result: "X", worker: "w2", at: 1).refused(with: .leaseLost(id: "t1"))
            try probe.fail(leased, token: "b", error: "boom", at: 1).refused(with: .leaseLost(id: "t1"))
            try probe.extend(leased, token: "b", at: 1).refused(with: .leaseLost(id: "t1"))
            let done = try probe.complete(leased, token: "a", result: "X", worker: "w1", at: 1).accepted()
            try done.expect(\.state, "state", is: .done)
        },
        LifecycleCheck(step: .leaseAck, name: "extend-pushes-expiry",
                       summary: "extend with the lease's token moves the expiry to now + visibilityTimeout and keeps everything else") { probe throws(CheckFailure) in
            let leased = try probe.leased(probe.newTask())
            let extended = try probe.extend(leased, token: "a", at: 8).accepted()
            try extended.expect(\.leaseExpiresAt, "leaseExpiresAt", is: probe.at(18), because: "now + visibilityTimeout of 10s")
            try extended.expect(\.state, "state", is: .leased)
            try extended.expect(\.leaseOwner, "leaseOwner", is: "w1")
            try extended.expect(\.leaseToken, "leaseToken", is: "a")
            try extended.expect(\.attempts, "attempts", is: 1, because: "extending is not a new attempt")
            let again = try probe.extend(extended.record, token: "a", at: 17).accepted()
            try again.expect(\.leaseExpiresAt, "leaseExpiresAt", is: probe.at(27), because: "the extended lease ran until t+18s")
        },
        LifecycleCheck(step: .leaseAck, name: "expired-extend-refused",
                       summary: "an expired lease cannot be extended (leaseLost), even at the very instant it expires") { probe throws(CheckFailure) in
            let leased = try probe.leased(probe.newTask())
            try probe.extend(leased, token: "a", at: 10).refused(with: .leaseLost(id: "t1"))
            try probe.extend(leased, token: "a", at: 25).refused(with: .leaseLost(id: "t1"))
        },
        LifecycleCheck(step: .leaseAck, name: "late-complete-honoured",
                       summary: "a lease that expired but was not taken by another worker may still complete the task") { probe throws(CheckFailure) in
            let leased = try probe.leased(probe.newTask())
            let done = try probe.complete(leased, token: "a", result: "X", worker: "w1", at: 60).accepted()
            try done.expect(\.state, "state", is: .done, because: "nobody else has the task, and the work was done")
            try done.expect(\.result, "result", is: "X")
        },
    ]
}
