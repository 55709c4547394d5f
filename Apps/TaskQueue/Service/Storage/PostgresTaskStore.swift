import Foundation
import Logging
import PostgresNIO
import TaskQueueCore

/// The shared queue: PostgreSQL, so servers on many machines (each with its workers) serve one
/// queue. Every method is one transaction applying `rules`, like `SQLiteTaskStore`;
/// leasing locks rows with `FOR UPDATE SKIP LOCKED`, so concurrent servers never lease the same
/// task, and keyed submissions use `ON CONFLICT (key) DO NOTHING`, so a key makes one task even
/// when two servers receive it at once.
///
/// The connection pool needs a task to run in: use `connect(url:policy:_:)`, which runs the pool
/// around the body and stops it when the body returns.
public struct PostgresTaskStore: TaskStore {
    public let policy: QueuePolicy
    /// The lifecycle every change applies: the course's `TaskLifecycle`, or a student's.
    public let rules: any TaskLifecycleRules.Type
    private let client: PostgresClient
    private let logger: Logger

    /// Connects to `url`, creates the tables if they are missing, runs `body` with the store, and
    /// closes the connections when `body` returns or throws.
    public static func connect<Result: Sendable>(
        url: PostgresURL, policy: QueuePolicy = QueuePolicy(), rules: any TaskLifecycleRules.Type = TaskLifecycle.self,
        logger: Logger = Logger(label: "taskqueue.postgres"), _ body: (PostgresTaskStore) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: Self.clientConfiguration(url), backgroundLogger: logger)
        let store = PostgresTaskStore(client: client, policy: policy, rules: rules, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await Self.createSchema(url, logger: logger)
            return try await body(store)
        }
    }

    /// Creates the tables over one direct connection, before the pool is used: an unreachable
    /// server or a refused login fails at once with its own message, instead of waiting on the
    /// pool's reconnection backoff.
    private static func createSchema(_ url: PostgresURL, logger: Logger) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: Self.connectionConfiguration(url), id: 0, logger: logger)
        } catch {
            throw PostgresStoreError.unreachable(url: url.description, underlying: String(reflecting: error))
        }
        do {
            try await Self.transaction(connection, logger: logger) { connection in
                try await PostgresTaskTable.createSchema(connection, schema: url.schema, logger: logger)
            }
        } catch {
            try? await connection.close()
            throw PostgresStoreError.schemaRefused(url: url.description, underlying: String(reflecting: error))
        }
        try await connection.close()
    }

    private init(client: PostgresClient, policy: QueuePolicy, rules: any TaskLifecycleRules.Type, logger: Logger) {
        self.client = client
        self.policy = policy
        self.rules = rules
        self.logger = logger
    }

    private static func clientConfiguration(_ url: PostgresURL) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        if let schema = url.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        return configuration
    }

    private static func connectionConfiguration(_ url: PostgresURL) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    public func submit(_ submission: TaskSubmission, now: Date) async throws -> SubmitOutcome {
        let task = TaskRecord(id: TaskIdentifier.make(), op: submission.op, data: submission.data, key: submission.key, maxAttempts: self.policy.maxAttempts, now: now)
        return try await self.transaction { connection, logger in
            if try await PostgresTaskTable.insert(task, connection, logger: logger) {
                return SubmitOutcome(task: task, created: true)
            }
            // The key was taken, by this server or another: the row is committed and visible now.
            guard let key = task.key, let existing = try await PostgresTaskTable.fetch(connection, key: key, logger: logger) else {
                throw PostgresStoreError.keyConflictWithoutRow(key: task.key ?? "")
            }
            return SubmitOutcome(task: existing, created: false)
        }
    }

    public func lease(worker: String, limit: Int, now: Date) async throws -> [TaskRecord] {
        let (policy, rules) = (self.policy, self.rules)
        let now = TaskTable.storedPrecision(now)  // as stored: a document rebuilt from the row is the same
        return try await self.transaction { connection, logger in
            var leased: [TaskRecord] = []
            for task in try await PostgresTaskTable.fetchLeasable(connection, now: now, limit: limit, logger: logger) {
                let next = rules.lease(task, to: worker, token: TaskIdentifier.make(), now: now, policy: policy)
                try await PostgresTaskTable.update(next, connection, logger: logger)
                if next.state == .leased { leased.append(next) }
            }
            return leased
        }
    }

    public func extend(id: String, token: String, now: Date) async throws -> TaskRecord {
        let (policy, rules) = (self.policy, self.rules)
        return try await self.change(id) { task throws(LeaseError) in try rules.extend(task, token: token, now: now, policy: policy) }
    }

    public func complete(id: String, token: String, result: String, worker: String, now: Date) async throws -> TaskRecord {
        let rules = self.rules
        let now = TaskTable.storedPrecision(now)  // as stored: a document rebuilt from the row is the same
        return try await self.transaction { connection, logger in
            guard let task = try await PostgresTaskTable.fetch(connection, id: id, lock: true, logger: logger) else { throw LeaseError.unknownTask(id: id) }
            let next = try rules.complete(task, token: token, result: result, worker: worker, now: now)
            try await PostgresTaskTable.update(next, connection, logger: logger)
            try await PostgresTaskTable.insertResult(next, connection, logger: logger)
            return next
        }
    }

    public func fail(id: String, token: String, error: String, now: Date) async throws -> TaskRecord {
        let (policy, rules) = (self.policy, self.rules)
        return try await self.change(id) { task throws(LeaseError) in try rules.fail(task, token: token, error: error, now: now, policy: policy) }
    }

    public func requeue(id: String, now: Date) async throws -> TaskRecord {
        let rules = self.rules
        return try await self.change(id) { task throws(LeaseError) in try rules.requeue(task, now: now) }
    }

    public func task(id: String) async throws -> TaskRecord? {
        try await self.client.withConnection { connection in
            try await PostgresTaskTable.fetch(connection, id: id, lock: false, logger: self.logger)
        }
    }

    public func deadLetters(limit: Int) async throws -> [TaskRecord] {
        try await self.client.withConnection { connection in
            try await PostgresTaskTable.fetchFinished(connection, state: .dead, limit: limit, logger: self.logger)
        }
    }

    public func recentlyDone(limit: Int) async throws -> [TaskRecord] {
        try await self.client.withConnection { connection in
            try await PostgresTaskTable.fetchFinished(connection, state: .done, limit: limit, logger: self.logger)
        }
    }

    public func stats(now: Date) async throws -> QueueStats {
        try await self.client.withConnection { connection in
            try await PostgresTaskTable.stats(connection, now: now, logger: self.logger)
        }
    }

    /// Loads the task locked for update, applies `transition`, and writes it back, in one transaction.
    private func change(_ id: String, _ transition: @escaping @Sendable (TaskRecord) throws(LeaseError) -> TaskRecord) async throws -> TaskRecord {
        try await self.transaction { connection, logger in
            guard let task = try await PostgresTaskTable.fetch(connection, id: id, lock: true, logger: logger) else { throw LeaseError.unknownTask(id: id) }
            let next = try transition(task)
            try await PostgresTaskTable.update(next, connection, logger: logger)
            return next
        }
    }

    private func transaction<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Result) async throws -> Result {
        let logger = self.logger
        return try await self.client.withConnection { connection in
            try await Self.transaction(connection, logger: logger) { connection in try await body(connection, logger) }
        }
    }

    /// Runs `body` between BEGIN and COMMIT, rolling back if it throws. Unlike
    /// `PostgresClient.withTransaction` it rethrows `body`'s own error (a `LeaseError` stays one).
    private static func transaction<Result: Sendable>(
        _ connection: PostgresConnection, logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await connection.query("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(connection)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        try await connection.query("COMMIT", logger: logger)
        return result
    }
}

/// Failures of the PostgreSQL queue itself (lease rule violations are `LeaseError`s).
public enum PostgresStoreError: Error, CustomStringConvertible {
    /// The server could not be reached, or refused the login.
    case unreachable(url: String, underlying: String)
    /// The queue's tables could not be created (e.g. the user may not create them).
    case schemaRefused(url: String, underlying: String)
    /// `ON CONFLICT` skipped the insert but no task holds the key (it cannot happen while rows are never deleted).
    case keyConflictWithoutRow(key: String)

    public var description: String {
        switch self {
        case .unreachable(let url, let underlying): return "cannot connect to the PostgreSQL queue at \(url): \(underlying)"
        case .schemaRefused(let url, let underlying): return "cannot create the queue's tables at \(url): \(underlying)"
        case .keyConflictWithoutRow(let key): return "submission with key '\(key)' conflicted, but no task has that key"
        }
    }
}
