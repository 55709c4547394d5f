import Foundation
import TaskQueueCore

/// The rules of the handout, one transition each, for the random histories to compare with.
extension LeaseModel {
    /// `lease`, called only on a leasable task.
    func leasing(to worker: String, token: String, now: Date, policy: QueuePolicy) -> Expectation {
        var next = self
        next.visibleAt = nil
        if self.state == .leased && self.attempts >= self.maxAttempts {
            next.state = .dead
            next.clearLease()
            return Expectation(outcome: .success(next), rule: "the expired lease was attempt \(self.attempts) of \(self.maxAttempts): the task is dead-lettered")
        }
        next.state = .leased
        next.attempts += 1
        next.leaseOwner = worker
        next.leaseToken = token
        next.leaseExpiresAt = now + policy.visibilityTimeout / .seconds(1)
        let reason = self.state == .leased ? "the expired lease is reclaimed" : "a visible queued task is leased"
        return Expectation(outcome: .success(next), rule: "\(reason): attempt \(next.attempts), until now + visibilityTimeout")
    }

    func extending(token: String, now: Date, policy: QueuePolicy) -> Expectation {
        if let refusal = self.refusal(token: token, now: now) { return refusal }
        var next = self
        next.leaseExpiresAt = now + policy.visibilityTimeout / .seconds(1)
        return Expectation(outcome: .success(next), rule: "the current, unexpired lease lasts until now + visibilityTimeout")
    }

    func completing(token: String, result: String, worker: String, now: Date) -> Expectation {
        if let refusal = self.refusal(token: token, now: nil) { return refusal }
        var next = self
        next.state = .done
        next.result = result
        next.worker = worker
        next.clearLease()
        return Expectation(outcome: .success(next), rule: "the holder of the current lease (expired or not) completes the task")
    }

    func failing(token: String, now: Date, policy: QueuePolicy) -> Expectation {
        if let refusal = self.refusal(token: token, now: nil) { return refusal }
        var next = self
        next.clearLease()
        if self.attempts >= self.maxAttempts {
            next.state = .dead
            return Expectation(outcome: .success(next), rule: "attempt \(self.attempts) of \(self.maxAttempts) failed: the task is dead-lettered")
        }
        next.state = .queued
        next.visibleAt = now + policy.retryDelay(afterAttempt: self.attempts) / .seconds(1)
        return Expectation(outcome: .success(next), rule: "attempt \(self.attempts) of \(self.maxAttempts) failed: retried after retryDelay(afterAttempt: \(self.attempts))")
    }

    func requeueing(now: Date) -> Expectation {
        guard self.state == .dead else {
            return Expectation(outcome: .failure(.notDead(id: self.id, state: self.state)), rule: "only a dead task can be requeued")
        }
        var next = self
        next.state = .queued
        next.attempts = 0
        next.visibleAt = now
        return Expectation(outcome: .success(next), rule: "a dead task is requeued, visible now, with no attempts")
    }

    /// Why an acknowledgement or extension with `token` is refused, if it is; `now` is given
    /// when the lease must not have expired (`extend`).
    private func refusal(token: String, now: Date?) -> Expectation? {
        func refuse(_ error: LeaseError, _ rule: String) -> Expectation { Expectation(outcome: .failure(error), rule: rule) }
        switch self.state {
        case .done, .dead:
            return refuse(.alreadyFinished(id: self.id, state: self.state), "the task is already \(self.state.rawValue)")
        case .queued:
            return refuse(.leaseLost(id: self.id), "the task is queued: nobody holds a lease")
        case .leased:
            if token != self.leaseToken {
                return refuse(.leaseLost(id: self.id), "\(show(token)) is not the current lease's token \(show(self.leaseToken))")
            }
            if let now, let expiry = self.leaseExpiresAt, expiry <= now {
                return refuse(.leaseLost(id: self.id), "the lease expired at \(timeLabel(expiry))")
            }
            return nil
        }
    }

    private mutating func clearLease() {
        self.leaseOwner = nil
        self.leaseToken = nil
        self.leaseExpiresAt = nil
    }
}
