import Foundation
import TaskQueueCore

/// Where a `Worker` gets its tasks and reports their outcomes: the queue in this process
/// (`LocalWorkSource`) or a queue server over gRPC (`RemoteWorkSource`).
///
/// Every method throws `WorkSourceError.leaseRefused` when the queue refuses the lease (it was
/// lost, the task is unknown or already finished): retrying cannot help. Any other error is
/// transient (an unreachable server, a database error) and worth retrying later.
public protocol WorkSource: Sendable, CustomStringConvertible {
    /// Leases up to `limit` tasks to `worker`, waiting up to `wait` for one (empty after the wait).
    func lease(worker: String, limit: Int, wait: Duration) async throws -> [TaskLease]
    /// Extends the lease for another visibility timeout; returns the new expiry.
    func extend(_ lease: TaskLease) async throws -> Date
    /// Stores the task's result; returns the task's new state (`.done`).
    func complete(_ lease: TaskLease, result: String, worker: String) async throws -> TaskState
    /// Reports a failed attempt; returns the task's new state (`.queued` for a retry, or `.dead`).
    func fail(_ lease: TaskLease, error: String, worker: String) async throws -> TaskState
}

/// Why a `WorkSource` call failed.
public enum WorkSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The queue refused the call on task `id`: the lease was lost, or the task is unknown or
    /// already finished. The outcome is discarded; retrying cannot help.
    case leaseRefused(id: String, reason: String)
    /// The queue server could not be reached or did not answer in time.
    case unreachable(server: String, reason: String)
    /// The queue server answered with an error, or with a reply that makes no sense.
    case serverFailed(server: String, reason: String)

    /// Whether the queue refused the call for good (as opposed to a transient failure).
    public var isLeaseRefused: Bool {
        if case .leaseRefused = self { true } else { false }
    }

    /// A message naming the task or server concerned and the cause.
    public var description: String {
        switch self {
        case .leaseRefused(let id, let reason):
            "the queue refused the lease on task \(id): \(reason)"
        case .unreachable(let server, let reason):
            "cannot reach the queue server at \(server): \(reason)"
        case .serverFailed(let server, let reason):
            "the queue server at \(server) failed: \(reason)"
        }
    }
}
