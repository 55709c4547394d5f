import Foundation
import GRPCCore
import LabNet
import LabProto
import TaskQueueCore

/// A queue server as a `WorkSource`: the `TaskQueueWorker` gRPC service, called by
/// `taskqueue worker` processes on this or other machines.
///
/// ```swift
/// try await RemoteWorkSource.connect(to: GRPCClientConnection(host: "127.0.0.1", port: 5002)) { source in
///     await Worker(name: "box-42", concurrency: 4).run(on: source)
/// }
/// ```
public struct RemoteWorkSource: WorkSource {
    /// How much longer than its `wait` a Lease call may take before the client gives up on it.
    public static let leaseCallMargin: Duration = .seconds(10)

    private let client: any Distlab_Taskqueue_V1_TaskQueueWorker.ClientProtocol
    private let server: String

    /// A work source calling through `client`, whose connections the caller runs; `server` names
    /// the server in messages.
    public init(client: GRPCClient<some ClientTransport>, server: String) {
        self.client = Distlab_Taskqueue_V1_TaskQueueWorker.Client(wrapping: client)
        self.server = server
    }

    /// Runs a client for `connection` for the duration of `body`, which gets a work source using it.
    /// The connection's default timeout bounds Extend, Complete and Fail; Lease calls get their
    /// wait plus ``leaseCallMargin``.
    ///
    /// - Throws: `GRPCClientConnectionError` if the address is unusable, or what `body` throws.
    public static func connect<Result: Sendable>(
        to connection: GRPCClientConnection,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (RemoteWorkSource) async throws -> Result
    ) async throws -> Result {
        try await connection.withClient { client in
            try await body(RemoteWorkSource(client: client, server: connection.description))
        }
    }

    /// The server's `host:port`.
    public var description: String { self.server }

    /// Calls Lease, a long poll of `wait` (the server may cap it).
    public func lease(worker: String, limit: Int, wait: Duration) async throws -> [TaskLease] {
        var options = CallOptions.defaults
        options.timeout = wait + Self.leaseCallMargin
        let request = Distlab_Taskqueue_V1_LeaseRequest.with {
            $0.worker = worker
            $0.maxTasks = UInt32(clamping: limit)
            $0.waitMs = UInt32(clamping: Int64(wait.seconds * 1000))
        }
        let response = try await self.calling(taskID: nil) { try await self.client.lease(request, options: options) }
        let visibilityTimeout = Duration.milliseconds(Int64(response.visibilityTimeoutMs))
        return response.tasks.map { task in
            TaskLease(
                id: task.id, op: task.op, data: task.data, token: task.leaseToken, attempt: Int(task.attempt),
                expiresAt: Date(unixMilliseconds: task.leaseExpiresUnixMs), visibilityTimeout: visibilityTimeout)
        }
    }

    /// Calls Extend.
    public func extend(_ lease: TaskLease) async throws -> Date {
        let request = Distlab_Taskqueue_V1_ExtendRequest.with {
            $0.id = lease.id
            $0.leaseToken = lease.token
        }
        let response = try await self.calling(taskID: lease.id) { try await self.client.extend(request) }
        return Date(unixMilliseconds: response.leaseExpiresUnixMs)
    }

    /// Calls Complete.
    public func complete(_ lease: TaskLease, result: String, worker: String) async throws -> TaskState {
        let request = Distlab_Taskqueue_V1_CompleteRequest.with {
            $0.id = lease.id
            $0.leaseToken = lease.token
            $0.worker = worker
            $0.result = result
        }
        return try self.state(of: try await self.calling(taskID: lease.id) { try await self.client.complete(request) })
    }

    /// Calls Fail.
    public func fail(_ lease: TaskLease, error: String, worker: String) async throws -> TaskState {
        let request = Distlab_Taskqueue_V1_FailRequest.with {
            $0.id = lease.id
            $0.leaseToken = lease.token
            $0.worker = worker
            $0.error = error
        }
        return try self.state(of: try await self.calling(taskID: lease.id) { try await self.client.fail(request) })
    }

    /// Makes one RPC, turning its `RPCError` into a `WorkSourceError`: a refusal (FAILED_PRECONDITION
    /// or NOT_FOUND) about task `taskID`, an unreachable server, or another failure.
    private func calling<Response: Sendable>(taskID: String?, _ call: () async throws -> Response) async throws -> Response {
        do {
            return try await call()
        } catch let error as RPCError {
            switch error.code {
            case .failedPrecondition, .notFound:
                throw WorkSourceError.leaseRefused(id: taskID ?? "?", reason: error.message)
            case .unavailable, .deadlineExceeded:
                throw WorkSourceError.unreachable(server: self.server, reason: "\(error.code): \(error.message)")
            default:
                throw WorkSourceError.serverFailed(server: self.server, reason: "\(error.code): \(error.message)")
            }
        }
    }

    private func state(of ack: Distlab_Taskqueue_V1_AckResponse) throws -> TaskState {
        guard let state = TaskState(rawValue: ack.state) else {
            throw WorkSourceError.serverFailed(server: self.server, reason: "the reply names an unknown task state '\(ack.state)'")
        }
        return state
    }
}
