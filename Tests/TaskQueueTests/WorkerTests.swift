import Foundation
import GRDB
import GRPCCore
import LabNet
import LabProto
import LabTestSupport
import Logging
import Synchronization
import TaskQueueCore
import TaskQueueService
import Testing

/// Workers against a real queue: a SQLite file, the worker gRPC service on a real loopback port,
/// and `Worker`s leasing through `RemoteWorkSource` or `LocalWorkSource`.
@Suite("Workers")
struct WorkerTests {
    @Test("a remote worker completes submitted tasks, stores their results and writes their artifacts")
    func remoteWorkerCompletesTasks() async throws {
        let queue = try WorkerQueue(policy: QueuePolicy())
        try await queue.withServer { connection in
            try await RemoteWorkSource.connect(to: connection) { source in
                try await queue.running(testWorker("remote", concurrency: 2), on: source) {
                    let upper = try await queue.submitAndAwait(op: "uppercase", data: "hola mundo")
                    let hash = try await queue.submitAndAwait(op: "hash", data: "abc")
                    #expect(upper.state == .done && upper.result == "HOLA MUNDO")
                    #expect(hash.state == .done && hash.result == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                    for task in [upper, hash] {
                        #expect(task.worker?.hasPrefix("remote-") == true, "worker \(task.worker ?? "nil")")
                        #expect(queue.service.artifacts.exists(task.id))
                        #expect(FileManager.default.fileExists(atPath: queue.folder.file("objects/results/\(task.id).json")))
                        #expect(try queue.resultRows(task.id) == 1)
                    }
                }
            }
        }
    }

    @Test("a failing task is retried with backoff, then dead-lettered after maxAttempts")
    func failingTaskIsDeadLettered() async throws {
        let policy = QueuePolicy(maxAttempts: 3, retryBaseDelay: .milliseconds(20))
        let queue = try WorkerQueue(policy: policy)
        try await queue.withServer { connection in
            try await RemoteWorkSource.connect(to: connection) { source in
                try await queue.running(testWorker("remote", concurrency: 1), on: source) {
                    let task = try await queue.submitAndAwait(op: "fail", data: "boom")
                    #expect(task.state == .dead)
                    #expect(task.attempts == 3)
                    #expect(task.lastError?.contains("boom") == true, "last error \(task.lastError ?? "nil")")
                    #expect(task.result == nil)
                    #expect(try queue.resultRows(task.id) == 0)
                    // Two retries backed off 20 ms and 40 ms before the third attempt.
                    let backoff = policy.retryDelay(afterAttempt: 1) + policy.retryDelay(afterAttempt: 2)
                    #expect(try #require(task.finishedAt).timeIntervalSince(task.createdAt) >= backoff.seconds)
                    #expect(try await queue.service.deadLetters(limit: 10).map(\.id) == [task.id])
                }
            }
        }
    }

    @Test("a lease nobody answers is reclaimed after the visibility timeout; the late completion is refused")
    func abandonedLeaseIsReclaimed() async throws {
        let queue = try WorkerQueue(policy: QueuePolicy(visibilityTimeout: .seconds(2)))
        try await queue.withServer { connection in
            let submitted = try await queue.service.submit(TaskSubmission(op: "uppercase", data: "late"))
            let ghost = try #require(try await queue.service.lease(worker: "ghost", limit: 1, wait: .zero).first)
            #expect(ghost.id == submitted.task.id)

            let finished = try await RemoteWorkSource.connect(to: connection) { source in
                try await queue.running(testWorker("remote", concurrency: 1), on: source) {
                    try await queue.service.awaitFinished(submitted.task, timeout: .seconds(10))
                }
            }
            #expect(finished.state == .done && finished.result == "LATE")
            #expect(finished.worker == "remote-1")
            #expect(finished.attempts == 2)

            let ghostToken = try #require(ghost.leaseToken)
            let late = try await connection.withClient { client in
                await #expect(throws: RPCError.self) {
                    try await Distlab_Taskqueue_V1_TaskQueueWorker.Client(wrapping: client).complete(.with {
                        $0.id = ghost.id
                        $0.leaseToken = ghostToken
                        $0.worker = "ghost"
                        $0.result = "ghost's result"
                    })
                }
            }
            #expect(late?.code == .failedPrecondition)
            #expect(late?.message.contains(ghost.id) == true)

            let stored = try #require(try await queue.service.task(id: ghost.id))
            #expect(stored.result == "LATE" && stored.worker == "remote-1")
            #expect(try queue.resultRows(ghost.id) == 1)
        }
    }

    @Test("refusals: an unknown task is NOT_FOUND, a wrong lease token FAILED_PRECONDITION, both mapped to leaseRefused")
    func refusalsMapToStatusCodes() async throws {
        let queue = try WorkerQueue(policy: QueuePolicy())
        try await queue.withServer { connection in
            _ = try await queue.service.submit(TaskSubmission(op: "echo", data: "x"))
            try await connection.withClient { client in
                let worker = Distlab_Taskqueue_V1_TaskQueueWorker.Client(wrapping: client)
                let leased = try await worker.lease(.with { $0.worker = "raw"; $0.maxTasks = 1000 })
                #expect(leased.tasks.count == 1)
                #expect(leased.visibilityTimeoutMs == 30_000)
                let unknown = await #expect(throws: RPCError.self) {
                    try await worker.extend(.with { $0.id = "no-such-task"; $0.leaseToken = "t" })
                }
                #expect(unknown?.code == .notFound)
                let stolen = await #expect(throws: RPCError.self) {
                    try await worker.fail(.with { $0.id = leased.tasks[0].id; $0.leaseToken = "not-the-token" })
                }
                #expect(stolen?.code == .failedPrecondition)
                let anonymous = await #expect(throws: RPCError.self) { try await worker.lease(.init()) }
                #expect(anonymous?.code == .invalidArgument)
            }
            try await RemoteWorkSource.connect(to: connection) { source in
                let lease = TaskLease(
                    id: "no-such-task", op: "echo", data: "", token: "t", attempt: 1, expiresAt: Date(),
                    visibilityTimeout: .seconds(1))
                await #expect(throws: WorkSourceError.leaseRefused(id: "no-such-task", reason: "no task with id no-such-task")) {
                    try await source.complete(lease, result: "r", worker: "w")
                }
            }
        }
    }

    @Test("lease extension keeps a slow task with a short visibility timeout from running twice")
    func extensionKeepsSlowTaskAlive() async throws {
        let queue = try WorkerQueue(policy: QueuePolicy(visibilityTimeout: .seconds(4)))
        try await queue.withServer { connection in
            try await RemoteWorkSource.connect(to: connection) { source in
                // A second slot waits for work the whole time (checking at least every second): it
                // would take the task if its lease lapsed, which would happen at 4 s without extension.
                // (Margins are wide: on two busy cores an extension can be late by a second or more.)
                try await queue.running(testWorker("remote", concurrency: 2), on: source) {
                    let task = try await queue.submitAndAwait(op: "sleep", data: "10000")
                    #expect(task.state == .done && task.result == "slept 10000 ms")
                    #expect(task.attempts == 1)
                    #expect(task.lastError == nil)
                }
            }
        }
    }

    @Test("the local pool: slots named worker-N run tasks; an unknown op is a failed attempt with a clear message")
    func localPoolRunsTasks() async throws {
        let queue = try WorkerQueue(policy: QueuePolicy(maxAttempts: 1))
        let source = LocalWorkSource(queue: queue.service)
        try await queue.running(testWorker("worker", concurrency: 2), on: source) {
            let echo = try await queue.submitAndAwait(op: "echo", data: "hola")
            #expect(echo.state == .done && echo.result == "hola")
            #expect(["worker-1", "worker-2"].contains(echo.worker ?? ""), "worker \(echo.worker ?? "nil")")
            #expect(queue.service.artifacts.exists(echo.id))

            let unknown = try await queue.submitAndAwait(op: "nope", data: "x")
            #expect(unknown.state == .dead)
            #expect(unknown.lastError?.contains("unknown op 'nope'") == true, "last error \(unknown.lastError ?? "nil")")
            #expect(unknown.lastError?.contains("uppercase") == true)
        }
    }

    @Test("a worker started before its server keeps retrying, then runs tasks once the server is up")
    func workerWaitsForServer() async throws {
        let queue = try WorkerQueue(policy: QueuePolicy())
        // A port the OS just gave out and nobody listens on any more.
        let port = try await withGRPCServerHost(services: [], logger: quietLogger("test.server")) { try await $0.listeningAddress.port }
        let connection = GRPCClientConnection(host: "127.0.0.1", port: port)
        let submitted = try await queue.service.submit(TaskSubmission(op: "uppercase", data: "patience"))
        let log = RecordedLog()
        let worker = testWorker("remote", concurrency: 1, log: log)
        let finished = try await RemoteWorkSource.connect(to: connection) { source in
            try await queue.running(worker, on: source) {
                try await eventually("the worker to log that it cannot reach the server", timeout: .seconds(5)) {
                    log.messages.contains { $0.contains("could not lease a task") && $0.contains("cannot reach") }
                }
                return try await withGRPCServerHost(
                    port: port, services: [WorkerRPCService(queue: queue.service, logger: quietLogger("test.server"))],
                    logger: quietLogger("test.server")
                ) { _ in
                    try await queue.service.awaitFinished(submitted.task, timeout: .seconds(10))
                }
            }
        }
        #expect(finished.state == .done && finished.result == "PATIENCE")
    }
}

/// A worker for tests: small lease waits and quick retries, logging only problems (to `log`
/// if given, else to standard error).
private func testWorker(_ name: String, concurrency: Int, log: RecordedLog? = nil) -> Worker {
    var logger = log.map { log in Logger(label: "test.worker") { _ in log } } ?? quietLogger("test.worker")
    logger.logLevel = .warning
    return Worker(
        name: name, concurrency: concurrency, leaseWait: .seconds(5),
        retryBackoff: ExponentialBackoff(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(200)),
        logger: logger)
}

/// A logger to standard error that logs only problems.
private func quietLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .warning
    return logger
}

/// A log handler that keeps the messages, for tests that wait for something to be logged.
private struct RecordedLog: LogHandler {
    private let storage = Storage()
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        self.storage.messages.withLock { $0.append("\(event.message)") }
    }

    /// Every message logged so far.
    var messages: [String] { self.storage.messages.withLock { $0 } }

    private final class Storage: Sendable {
        let messages = Mutex<[String]>([])
    }
}

/// A queue in a fresh folder (queue.sqlite and objects/), served to workers on demand.
private struct WorkerQueue {
    let folder: TemporaryDirectory
    let service: QueueService

    init(policy: QueuePolicy) throws {
        self.folder = try TemporaryDirectory(prefix: "WorkerTests")
        let store = try SQLiteTaskStore(path: self.folder.file("queue.sqlite"), policy: policy)
        self.service = QueueService(store: store, artifacts: try ResultArtifacts(directory: self.folder.file("objects")))
    }

    /// Serves the worker gRPC service on a port the OS chooses for the duration of `body`.
    func withServer<Result: Sendable>(_ body: (GRPCClientConnection) async throws -> Result) async throws -> Result {
        let logger = quietLogger("test.server")
        return try await withGRPCServerHost(
            services: [WorkerRPCService(queue: self.service, logger: logger)], shutdownGracePeriod: .seconds(3), logger: logger
        ) { server in
            let address = try await server.listeningAddress
            return try await body(GRPCClientConnection(host: address.host, port: address.port))
        }
    }

    /// Runs `worker` on `source` for the duration of `body`, then stops it.
    func running<Result: Sendable>(
        _ worker: Worker, on source: some WorkSource, _ body: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await worker.run(on: source) }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Submits a task and waits (at most 30 s) until it is done or dead.
    func submitAndAwait(op: String, data: String) async throws -> TaskRecord {
        let submitted = try await self.service.submit(TaskSubmission(op: op, data: data))
        let task = try await self.service.awaitFinished(submitted.task, timeout: .seconds(30))
        try #require(task.state == .done || task.state == .dead, "task \(task.id) (\(op)) still \(task.state.rawValue) after 30 s")
        return task
    }

    /// How many rows the results table holds for task `id`.
    func resultRows(_ id: String) throws -> Int {
        try DatabaseQueue(path: self.folder.file("queue.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM results WHERE task_id = ?", arguments: [id]) ?? 0
        }
    }
}
