import TaskQueueCore

/// One reply line of the front door: a JSON object whose `status` says what the other fields mean.
///
/// - `ok` to a submission or `result`: `worker`, `result`, `id`, `attempts`, `artifact`;
///   to `status` or `requeue`: `id`, `state`, `attempts`, `worker` (lease holder or producer), `lastError` if any;
///   to `stats`: `stats`; to `dead`: `dead`.
/// - `accepted` (async submission): `id` and `created` (false when the key matched an earlier task).
/// - `pending` (not finished within the result timeout, or not yet finished): `id` and `state`.
/// - `error`: `message`, and `id` when the error is about a task.
public struct FrontDoorReply: Sendable, Equatable, Codable {
    /// The kinds of reply.
    public enum Status: String, Sendable, Codable {
        case ok, accepted, pending, error
    }

    public var status: Status
    /// What went wrong (`error` replies only).
    public var message: String?
    /// The task the reply is about.
    public var id: String?
    /// The worker that produced `result`.
    public var worker: String?
    public var result: String?
    /// How many times the task has been leased.
    public var attempts: Int?
    /// The object-store key of the result document, `results/<id>.json`.
    public var artifact: String?
    public var state: TaskState?
    public var lastError: String?
    /// Whether an async submission queued a new task (false: its key matched an earlier one).
    public var created: Bool?
    public var stats: QueueStats?
    public var dead: [DeadLetterSummary]?

    /// A reply of `status` with every other field empty.
    public init(status: Status) {
        self.status = status
    }

    /// An error reply, about task `id` if given.
    public static func failure(_ error: FrontDoorError, id: String? = nil) -> FrontDoorReply {
        var reply = FrontDoorReply(status: .error)
        reply.message = error.description
        reply.id = id
        return reply
    }

    /// The outcome of a task: its result when done, its last error when dead, else pending.
    static func outcome(of task: TaskRecord) -> FrontDoorReply {
        switch task.state {
        case .done:
            var reply = FrontDoorReply(status: .ok)
            reply.id = task.id
            reply.worker = task.worker
            reply.result = task.result
            reply.attempts = task.attempts
            reply.artifact = ResultArtifacts.key(for: task.id)
            return reply
        case .dead:
            return .failure(.taskDead(id: task.id, attempts: task.attempts, lastError: task.lastError ?? "no error recorded"), id: task.id)
        case .queued, .leased:
            var reply = FrontDoorReply(status: .pending)
            reply.id = task.id
            reply.state = task.state
            return reply
        }
    }

    /// Where a task is in its life; `worker` is the lease holder while leased, the producer once done.
    static func status(of task: TaskRecord) -> FrontDoorReply {
        var reply = FrontDoorReply(status: .ok)
        reply.id = task.id
        reply.state = task.state
        reply.worker = task.state == .leased ? task.leaseOwner : task.worker
        reply.attempts = task.attempts
        reply.lastError = task.lastError
        return reply
    }

    /// An async submission's acknowledgement: the task is durably queued (or was already).
    static func accepted(_ outcome: SubmitOutcome) -> FrontDoorReply {
        var reply = FrontDoorReply(status: .accepted)
        reply.id = outcome.task.id
        reply.created = outcome.created
        return reply
    }
}
