import Foundation

/// Everything the queue knows about one task: what to run, where it is in its life, and its
/// outcome. Backends store these; `TaskLifecycle` computes every change to them.
public struct TaskRecord: Sendable, Equatable, Codable {
    public var id: String
    /// The operation's name in the `OperationRegistry` (e.g. "uppercase").
    public var op: String
    public var data: String
    /// The client's idempotency key: a second submission with the same key returns this task.
    public var key: String?
    public var state: TaskState
    /// How many times a worker has leased this task.
    public var attempts: Int
    public var maxAttempts: Int
    /// When the task may next be leased (later than `createdAt` while a retry backs off).
    public var visibleAt: Date
    /// The worker holding the lease, and the token that proves it.
    public var leaseOwner: String?
    public var leaseToken: String?
    public var leaseExpiresAt: Date?
    /// The result of a finished task, and the worker that produced it.
    public var result: String?
    public var worker: String?
    /// The last failure's message (kept after a successful retry, for the record).
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    /// A new task, queued and visible at once.
    public init(id: String, op: String, data: String, key: String?, maxAttempts: Int, now: Date) {
        self.id = id
        self.op = op
        self.data = data
        self.key = key
        self.state = .queued
        self.attempts = 0
        self.maxAttempts = maxAttempts
        self.visibleAt = now
        self.createdAt = now
        self.updatedAt = now
    }

    /// Whether a worker may lease the task at `now`: queued and visible, or leased by a worker
    /// whose lease has expired (it crashed or hung, so the task is reclaimed).
    public func isLeasable(at now: Date) -> Bool {
        switch self.state {
        case .queued: return self.visibleAt <= now
        case .leased: return (self.leaseExpiresAt ?? .distantPast) <= now
        case .done, .dead: return false
        }
    }
}

/// Where a task is in its life.
public enum TaskState: String, Sendable, Codable, CaseIterable {
    /// Waiting for a worker (possibly backing off until `visibleAt`).
    case queued
    /// A worker holds it until `leaseExpiresAt`.
    case leased
    /// Finished; its result is stored exactly once.
    case done
    /// Failed `maxAttempts` times; parked in the dead-letter list until requeued.
    case dead
}
