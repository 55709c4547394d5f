/// Why a worker's acknowledgement, failure report or lease extension was refused.
public enum LeaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No task has this id.
    case unknownTask(id: String)
    /// The worker's lease expired and the task was leased again (or finished) by someone else;
    /// the worker's outcome is discarded so that exactly one result is stored.
    case leaseLost(id: String)
    /// The task is already finished (a duplicate acknowledgement).
    case alreadyFinished(id: String, state: TaskState)
    /// Only dead-lettered tasks can be requeued.
    case notDead(id: String, state: TaskState)

    public var description: String {
        switch self {
        case .unknownTask(let id):
            return "no task with id \(id)"
        case .leaseLost(let id):
            return "the lease on task \(id) was lost (it expired and the task went to another worker); this outcome is discarded"
        case .alreadyFinished(let id, let state):
            return "task \(id) is already \(state.rawValue)"
        case .notDead(let id, let state):
            return "task \(id) is \(state.rawValue), not dead; only dead-lettered tasks can be requeued"
        }
    }
}
