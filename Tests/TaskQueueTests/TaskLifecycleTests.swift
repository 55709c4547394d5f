import Foundation
import Testing
@testable import TaskQueueCore

@Suite("Task lifecycle (lease, ack, retry, dead letter)")
struct TaskLifecycleTests {
    let start = Date(timeIntervalSince1970: 1_000_000)
    let policy = QueuePolicy(visibilityTimeout: .seconds(10), maxAttempts: 3, retryBaseDelay: .seconds(1), retryMaxDelay: .seconds(3))

    func newTask() -> TaskRecord {
        TaskRecord(id: "t1", op: "echo", data: "x", key: nil, maxAttempts: self.policy.maxAttempts, now: self.start)
    }

    @Test func leaseThenCompleteStoresTheResult() throws {
        let leased = TaskLifecycle.lease(self.newTask(), to: "w1", token: "a", now: self.start, policy: self.policy)
        #expect(leased.state == .leased)
        #expect(leased.attempts == 1)
        #expect(leased.leaseExpiresAt == self.start + 10)
        #expect(!leased.isLeasable(at: self.start + 9.9))
        let done = try TaskLifecycle.complete(leased, token: "a", result: "X", worker: "w1", now: self.start + 1)
        #expect(done.state == .done)
        #expect(done.result == "X")
        #expect(done.worker == "w1")
        #expect(done.leaseToken == nil)
        #expect(throws: LeaseError.alreadyFinished(id: "t1", state: .done)) {
            try TaskLifecycle.complete(done, token: "a", result: "Y", worker: "w1", now: self.start + 2)
        }
    }

    @Test func failuresBackOffExponentiallyThenDeadLetter() throws {
        var task = self.newTask()
        var now = self.start
        var delays: [TimeInterval] = []
        for attempt in 1...3 {
            #expect(task.isLeasable(at: now))
            task = TaskLifecycle.lease(task, to: "w", token: "t\(attempt)", now: now, policy: self.policy)
            task = try TaskLifecycle.fail(task, token: "t\(attempt)", error: "boom \(attempt)", now: now, policy: self.policy)
            if task.state == .queued {
                delays.append(task.visibleAt.timeIntervalSince(now))
                #expect(!task.isLeasable(at: now))
                now = task.visibleAt
            }
        }
        #expect(delays == [1, 2])
        #expect(task.state == .dead)
        #expect(task.lastError == "boom 3")
        let requeued = try TaskLifecycle.requeue(task, now: now)
        #expect(requeued.state == .queued && requeued.attempts == 0 && requeued.isLeasable(at: now))
    }

    @Test func retryDelayIsCapped() {
        #expect(self.policy.retryDelay(afterAttempt: 1) == .seconds(1))
        #expect(self.policy.retryDelay(afterAttempt: 2) == .seconds(2))
        #expect(self.policy.retryDelay(afterAttempt: 3) == .seconds(3))
        #expect(self.policy.retryDelay(afterAttempt: 40) == .seconds(3))
    }

    @Test func anExpiredLeaseIsReclaimedAndTheOldWorkerLosesIt() throws {
        let first = TaskLifecycle.lease(self.newTask(), to: "w1", token: "a", now: self.start, policy: self.policy)
        #expect(throws: LeaseError.leaseLost(id: "t1")) {
            try TaskLifecycle.extend(first, token: "a", now: self.start + 10, policy: self.policy)
        }
        #expect(first.isLeasable(at: self.start + 10))
        let second = TaskLifecycle.lease(first, to: "w2", token: "b", now: self.start + 10, policy: self.policy)
        #expect(second.attempts == 2)
        #expect(second.leaseOwner == "w2")
        #expect(second.lastError?.contains("expired") == true)
        #expect(throws: LeaseError.leaseLost(id: "t1")) {
            try TaskLifecycle.complete(second, token: "a", result: "late", worker: "w1", now: self.start + 11)
        }
        let done = try TaskLifecycle.complete(second, token: "b", result: "X", worker: "w2", now: self.start + 11)
        #expect(done.worker == "w2")
    }

    @Test func aLateCompletionIsHonouredWhileNobodyElseHasTheTask() throws {
        let leased = TaskLifecycle.lease(self.newTask(), to: "w1", token: "a", now: self.start, policy: self.policy)
        let done = try TaskLifecycle.complete(leased, token: "a", result: "X", worker: "w1", now: self.start + 60)
        #expect(done.state == .done)
    }

    @Test func aTaskWhoseWorkersKeepCrashingIsDeadLettered() {
        var task = self.newTask()
        var now = self.start
        for attempt in 1...3 {
            task = TaskLifecycle.lease(task, to: "w", token: "t\(attempt)", now: now, policy: self.policy)
            #expect(task.state == .leased)
            now = now + 10
        }
        task = TaskLifecycle.lease(task, to: "w", token: "t4", now: now, policy: self.policy)
        #expect(task.state == .dead)
        #expect(task.attempts == 3)
    }

    @Test func extendingKeepsTheLease() throws {
        let leased = TaskLifecycle.lease(self.newTask(), to: "w1", token: "a", now: self.start, policy: self.policy)
        let extended = try TaskLifecycle.extend(leased, token: "a", now: self.start + 8, policy: self.policy)
        #expect(extended.leaseExpiresAt == self.start + 18)
        #expect(!extended.isLeasable(at: self.start + 12))
        #expect(throws: LeaseError.leaseLost(id: "t1")) {
            try TaskLifecycle.extend(leased, token: "wrong", now: self.start + 1, policy: self.policy)
        }
    }

    @Test func onlyDeadTasksCanBeRequeued() {
        #expect(throws: LeaseError.notDead(id: "t1", state: .queued)) { try TaskLifecycle.requeue(self.newTask(), now: self.start) }
    }
}
