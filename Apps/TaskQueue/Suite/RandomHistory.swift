import Foundation
import LabRandom
import TaskQueueCore

/// One random history of `RandomHistories`: a task, the rules' record of it and the model's, the
/// clock, and the leases handed out so far.
struct RandomHistory {
    /// One thing that happens to the task.
    enum Event {
        case lease(worker: String, token: String)
        case extend(token: String)
        case complete(token: String, worker: String, result: String)
        case fail(token: String, error: String)
        case requeue
        case wait(seconds: Double)
    }

    static let workers = ["w1", "w2", "w3"]

    let number: Int
    let title: String
    var probe: LifecycleProbe
    var random: SplitMix64
    var task: TaskRecord
    var model: LeaseModel
    /// Seconds since time zero.
    var clock = 0.0
    /// Every lease handed out in this history, oldest first: the stale tokens to replay.
    var leases: [(token: String, worker: String)] = []
    /// What happened, one line per step, for the trace.
    var log: [String] = []

    init(number: Int, of count: Int, probe: LifecycleProbe, random: SplitMix64) {
        self.number = number
        self.random = random
        let visibility = Int.random(in: 4...12, using: &self.random)
        let base = Int.random(in: 1...3, using: &self.random)
        let cap = Int.random(in: base...(4 * base), using: &self.random)
        self.probe = probe
        self.probe.policy = QueuePolicy(
            visibilityTimeout: .seconds(visibility), maxAttempts: Int.random(in: 1...4, using: &self.random),
            retryBaseDelay: .seconds(base), retryMaxDelay: .seconds(cap))
        self.task = self.probe.newTask(id: "h\(number)")
        self.model = LeaseModel(self.task)
        self.title = "history \(number) of \(count) (maxAttempts \(self.probe.policy.maxAttempts), visibilityTimeout \(visibility)s, "
            + "retry delay \(base)s doubling up to \(cap)s)"
        self.log.append(self.title)
    }

    mutating func run(events: Int) throws(CheckFailure) {
        for step in 1...events {
            self.clock += Double(Int.random(in: 0...2, using: &self.random))
            try self.perform(self.nextEvent(step: step), step: step)
        }
    }

    private mutating func perform(_ event: Event, step: Int) throws(CheckFailure) {
        let now = self.probe.at(self.clock)
        let policy = self.probe.policy
        switch event {
        case .wait(let seconds):
            self.clock += seconds
            self.log.append("step \(step): time passes \(Int(seconds))s, to \(timeLabel(self.probe.at(self.clock)))")
        case .lease(let worker, let token):
            self.leases.append((token, worker))
            let observed = try self.probe.lease(self.task, to: worker, token: token, at: self.clock)
            try self.judge(step: step, call: observed.call, .success(observed.record), self.model.leasing(to: worker, token: token, now: now, policy: policy))
        case .extend(let token):
            let attempt = self.probe.extend(self.task, token: token, at: self.clock)
            try self.judge(step: step, call: attempt.call, attempt.outcome, self.model.extending(token: token, now: now, policy: policy))
        case .complete(let token, let worker, let result):
            let attempt = self.probe.complete(self.task, token: token, result: result, worker: worker, at: self.clock)
            try self.judge(step: step, call: attempt.call, attempt.outcome, self.model.completing(token: token, result: result, worker: worker, now: now))
        case .fail(let token, let error):
            let attempt = self.probe.fail(self.task, token: token, error: error, at: self.clock)
            try self.judge(step: step, call: attempt.call, attempt.outcome, self.model.failing(token: token, now: now, policy: policy))
        case .requeue:
            let attempt = self.probe.requeue(self.task, at: self.clock)
            try self.judge(step: step, call: attempt.call, attempt.outcome, self.model.requeueing(now: now))
        }
    }

    /// Compares what the rules did with what the model expects; on agreement, moves both on.
    private mutating func judge(step: Int, call: String, _ outcome: Result<TaskRecord, LeaseError>, _ expected: Expectation) throws(CheckFailure) {
        let place = "\(self.title), step \(step): \(call) on \(self.model.description)"
        switch outcome {
        case .success(let record): self.log.append("step \(step): \(call) → \(describe(record))")
        case .failure(let error): self.log.append("step \(step): \(call) → threw \(describe(error))")
        }
        switch (expected.outcome, outcome) {
        case (.failure(let wanted), .failure(let error)):
            try expect(error == wanted, "\(place) threw \(describe(error)); expected \(describe(wanted)) (\(expected.rule))")
        case (.failure(let wanted), .success(let record)):
            throw CheckFailure("\(place) returned \(describe(record)); expected it to throw \(describe(wanted)) (\(expected.rule))")
        case (.success(let next), .failure(let error)):
            throw CheckFailure("\(place) threw \(describe(error)); expected \(next.description) (\(expected.rule))")
        case (.success(let next), .success(let record)):
            let wanted = "expected \(next.description) (\(expected.rule))"
            try expect(record.attempts <= self.model.maxAttempts,
                       "\(place) returned \(describe(record)): attempts exceed maxAttempts; \(wanted)")
            try expect(record.state != .done || record.result != nil, "\(place) returned \(describe(record)): done without a result; \(wanted)")
            let shown = LeaseModel(record)
            try expect(shown == next, "\(place) returned \(shown.description); \(wanted)")
            self.task = record
            self.model = next
        }
    }

    /// Draws the next event: mostly calls with the current lease's token, sometimes with a stale
    /// one, and waits long enough for leases to expire and backoffs to end.
    private mutating func nextEvent(step: Int) -> Event {
        let roll = Int.random(in: 0..<100, using: &self.random)
        switch roll {
        case ..<30:
            if self.task.isLeasable(at: self.probe.at(self.clock)) {
                let worker = Self.workers.randomElement(using: &self.random) ?? "w1"
                return .lease(worker: worker, token: "h\(self.number)-tok\(self.leases.count + 1)")
            }
            if let from = self.model.leasableFrom {
                return .wait(seconds: max(0, from.timeIntervalSince(self.probe.at(self.clock))))
            }
            return .requeue
        case ..<45:
            return .extend(token: self.pickLease().token)
        case ..<65:
            let lease = self.pickLease()
            return .complete(token: lease.token, worker: lease.worker, result: "result of step \(step)")
        case ..<85:
            return .fail(token: self.pickLease().token, error: "error at step \(step)")
        case ..<90:
            return .requeue
        default:
            return .wait(seconds: Double(Int.random(in: 1...Int(self.probe.policy.visibilityTimeout / .seconds(1)) + 2, using: &self.random)))
        }
    }

    /// The current lease most of the time, otherwise any lease of the history (or a forged token).
    private mutating func pickLease() -> (token: String, worker: String) {
        if let token = self.model.leaseToken, let owner = self.model.leaseOwner, Int.random(in: 0..<10, using: &self.random) < 7 {
            return (token, owner)
        }
        return self.leases.randomElement(using: &self.random) ?? ("forged", "w1")
    }
}
