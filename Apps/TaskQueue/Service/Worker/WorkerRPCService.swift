import Foundation
import GRPCCore
import LabNet
import LabProto
import Logging
import TaskQueueCore

/// The `TaskQueueWorker` gRPC service (Protos/distlab/taskqueue/v1/worker.proto) on top of a
/// `QueueService`: how worker processes lease tasks, keep leases alive and report outcomes.
///
/// A refused call answers FAILED_PRECONDITION (lease lost, task already finished) or NOT_FOUND
/// (unknown task), with the queue's message; the worker's outcome is then discarded.
public struct WorkerRPCService: Distlab_Taskqueue_V1_TaskQueueWorker.SimpleServiceProtocol {
    /// The longest a Lease call waits for a task, whatever it asks for.
    public static let maxWait: Duration = .seconds(30)
    /// The most tasks one Lease call gets, whatever it asks for.
    public static let maxTasksPerLease = 64
    /// How often a waiting Lease call checks whether its caller has gone (then it stops waiting,
    /// so that no task is leased to a worker that is no longer listening).
    static let cancellationCheckInterval: Duration = .seconds(1)

    private let queue: QueueService
    private let logger: Logger

    /// Serves `queue` to workers.
    public init(queue: QueueService, logger: Logger = Logger(label: "taskqueue.worker-rpc")) {
        self.queue = queue
        self.logger = logger
    }

    /// Leases up to `max_tasks` tasks (at least 1, at most ``maxTasksPerLease``), waiting up to
    /// `wait_ms` (at most ``maxWait``) for one; stops waiting, empty-handed, once the caller has gone.
    public func lease(
        request: Distlab_Taskqueue_V1_LeaseRequest, context: ServerContext
    ) async throws -> Distlab_Taskqueue_V1_LeaseResponse {
        guard !request.worker.isEmpty else {
            throw RPCError(code: .invalidArgument, message: "LeaseRequest.worker is empty: name the worker asking for tasks")
        }
        let limit = min(max(Int(request.maxTasks), 1), Self.maxTasksPerLease)
        let wait = min(Duration.milliseconds(Int64(request.waitMs)), Self.maxWait)
        let deadline = ContinuousClock.now + wait
        var leased: [TaskRecord] = []
        while leased.isEmpty, !context.cancellation.isCancelled {
            let remaining = deadline - ContinuousClock.now
            let slice = min(max(remaining, .zero), Self.cancellationCheckInterval)
            leased = try await self.answering("lease for \(request.worker)") {
                try await self.queue.lease(worker: request.worker, limit: limit, wait: slice)
            }
            if remaining <= slice { break }
        }
        return .with {
            $0.tasks = leased.map { task in
                .with {
                    $0.id = task.id
                    $0.op = task.op
                    $0.data = task.data
                    $0.leaseToken = task.leaseToken ?? ""
                    $0.attempt = UInt32(clamping: task.attempts)
                    $0.leaseExpiresUnixMs = task.leaseExpiresAt?.unixMilliseconds ?? 0
                }
            }
            $0.visibilityTimeoutMs = UInt32(clamping: Int64(self.queue.store.policy.visibilityTimeout.seconds * 1000))
        }
    }

    /// Extends a lease; FAILED_PRECONDITION once it has expired or was lost.
    public func extend(
        request: Distlab_Taskqueue_V1_ExtendRequest, context: ServerContext
    ) async throws -> Distlab_Taskqueue_V1_ExtendResponse {
        let task = try await self.answering("extend") { try await self.queue.extend(id: request.id, token: request.leaseToken) }
        return .with { $0.leaseExpiresUnixMs = task.leaseExpiresAt?.unixMilliseconds ?? 0 }
    }

    /// Stores a result (and its artifact); FAILED_PRECONDITION if the lease was lost or the task is finished.
    public func complete(
        request: Distlab_Taskqueue_V1_CompleteRequest, context: ServerContext
    ) async throws -> Distlab_Taskqueue_V1_AckResponse {
        let task = try await self.answering("complete from \(request.worker)") {
            try await self.queue.complete(id: request.id, token: request.leaseToken, result: request.result, worker: request.worker)
        }
        return .with { $0.state = task.state.rawValue }
    }

    /// Records a failed attempt: the task is retried with backoff, or dead-lettered.
    public func fail(
        request: Distlab_Taskqueue_V1_FailRequest, context: ServerContext
    ) async throws -> Distlab_Taskqueue_V1_AckResponse {
        let task = try await self.answering("fail from \(request.worker)") {
            try await self.queue.fail(id: request.id, token: request.leaseToken, error: request.error)
        }
        return .with { $0.state = task.state.rawValue }
    }

    /// Runs `call`, turning a refusal into FAILED_PRECONDITION or NOT_FOUND, a call cut off by the
    /// server's shutdown into CANCELLED, and any other failure into INTERNAL, each with a message
    /// naming the cause.
    private func answering<Result>(_ what: String, _ call: () async throws -> Result) async throws -> Result {
        do {
            return try await call()
        } catch let error as LeaseError {
            self.logger.notice("refused \(what): \(error)")
            switch error {
            case .unknownTask: throw RPCError(code: .notFound, message: error.description)
            case .leaseLost, .alreadyFinished, .notDead: throw RPCError(code: .failedPrecondition, message: error.description)
            }
        } catch is CancellationError {
            throw RPCError(code: .cancelled, message: "\(what) was cut off: the server is shutting down")
        } catch {
            self.logger.error("\(what) failed: \(error)")
            throw RPCError(code: .internalError, message: "the queue failed: \(error)")
        }
    }
}
