import TaskQueueCore

/// One request line of the task-queue front door, as a client sends it and the server reads it.
///
/// On the wire it is one JSON object (see `FrontDoorRequest+Coding`): a task submission
/// `{"op":"uppercase","data":"hola mundo"}`, optionally with `"mode":"async"` and an idempotency
/// `"key"`, or a command `{"cmd":"status","id":"…"}` (also `result`, `stats`, `dead`, `requeue`).
public enum FrontDoorRequest: Sendable, Equatable {
    /// Runs `submission`: waits for its result (`.sync`) or answers with its id at once (`.async`).
    case submit(TaskSubmission, mode: SubmitMode)
    /// Where task `id` is in its life.
    case status(id: String)
    /// The outcome of task `id`: its result, its failure, or that it is still pending.
    case result(id: String)
    /// How many tasks are where.
    case stats
    /// The most recently dead-lettered tasks (at most `FrontDoorHandler.deadLetterLimit`).
    case dead
    /// Puts dead-lettered task `id` back in the queue with a fresh set of attempts.
    case requeue(id: String)
}

/// Whether a submission waits for the task to finish before the front door replies.
public enum SubmitMode: String, Sendable, CaseIterable {
    /// Reply once the task is done or dead (or pending after the result timeout), as the seed did.
    case sync
    /// Reply at once with the task's id; ask for the outcome later with `{"cmd":"result"}`.
    case async
}
