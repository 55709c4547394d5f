import Foundation
import TaskQueueCore

/// The random histories' model of one task: only the fields the rules pin down (state, attempts,
/// lease, when a queued task becomes visible, a done task's result and worker), with the rules
/// written out as plainly as possible. Built from a record, it is what that record shows of them.
struct LeaseModel: Equatable {
    var id: String
    var state: TaskState
    var attempts: Int
    var maxAttempts: Int
    var leaseOwner: String?
    var leaseToken: String?
    var leaseExpiresAt: Date?
    /// When a queued task becomes leasable; nil in every other state.
    var visibleAt: Date?
    /// A done task's result and the worker that produced it; nil in every other state.
    var result: String?
    var worker: String?

    init(_ task: TaskRecord) {
        self.id = task.id
        self.state = task.state
        self.attempts = task.attempts
        self.maxAttempts = task.maxAttempts
        self.leaseOwner = task.leaseOwner
        self.leaseToken = task.leaseToken
        self.leaseExpiresAt = task.leaseExpiresAt
        self.visibleAt = task.state == .queued ? task.visibleAt : nil
        self.result = task.state == .done ? task.result : nil
        self.worker = task.state == .done ? task.worker : nil
    }

    /// When `lease` may be called: a queued task once visible, a leased one once its lease expired.
    var leasableFrom: Date? {
        switch self.state {
        case .queued: return self.visibleAt
        case .leased: return self.leaseExpiresAt
        case .done, .dead: return nil
        }
    }

    var description: String {
        describe(self.state, attempts: self.attempts, of: self.maxAttempts, [
            ("leaseOwner", self.leaseOwner), ("leaseToken", self.leaseToken), ("leaseExpiresAt", self.leaseExpiresAt),
            ("visibleAt", self.visibleAt), ("result", self.result), ("worker", self.worker),
        ])
    }
}

/// What the model expects of one call, and the rule that decides it.
struct Expectation {
    var outcome: Result<LeaseModel, LeaseError>
    var rule: String
}
