import Foundation
import TaskQueueCore

/// The queue of this process as a `WorkSource`: the server's local worker pool (`--workers N`)
/// calls `QueueService` directly, with no network in between.
public struct LocalWorkSource: WorkSource {
    /// The queue the tasks come from.
    public let queue: QueueService

    /// A work source over `queue`.
    public init(queue: QueueService) {
        self.queue = queue
    }

    /// "local queue", for log messages.
    public var description: String { "local queue" }

    /// Leases through `QueueService.lease`, which wakes at once when a task is submitted.
    public func lease(worker: String, limit: Int, wait: Duration) async throws -> [TaskLease] {
        let visibilityTimeout = self.queue.store.policy.visibilityTimeout
        return try await self.queue.lease(worker: worker, limit: limit, wait: wait).map { task in
            TaskLease(
                id: task.id, op: task.op, data: task.data, token: task.leaseToken ?? "", attempt: task.attempts,
                expiresAt: task.leaseExpiresAt ?? Date(), visibilityTimeout: visibilityTimeout)
        }
    }

    /// Extends the lease in the store.
    public func extend(_ lease: TaskLease) async throws -> Date {
        let task = try await self.refusingLostLeases { try await self.queue.extend(id: lease.id, token: lease.token) }
        return task.leaseExpiresAt ?? Date()
    }

    /// Stores the result and writes its artifact.
    public func complete(_ lease: TaskLease, result: String, worker: String) async throws -> TaskState {
        try await self.refusingLostLeases {
            try await self.queue.complete(id: lease.id, token: lease.token, result: result, worker: worker)
        }.state
    }

    /// Records the failed attempt (retry with backoff, or dead letter).
    public func fail(_ lease: TaskLease, error: String, worker: String) async throws -> TaskState {
        try await self.refusingLostLeases { try await self.queue.fail(id: lease.id, token: lease.token, error: error) }.state
    }

    /// Runs `call`, turning the queue's `LeaseError` into `WorkSourceError.leaseRefused`.
    private func refusingLostLeases(_ call: () async throws -> TaskRecord) async throws -> TaskRecord {
        do {
            return try await call()
        } catch let error as LeaseError {
            throw WorkSourceError.leaseRefused(id: error.taskID, reason: error.description)
        }
    }
}

extension LeaseError {
    /// The id of the task the refusal concerns.
    var taskID: String {
        switch self {
        case .unknownTask(let id), .leaseLost(let id), .alreadyFinished(let id, _), .notDead(let id, _): id
        }
    }
}
