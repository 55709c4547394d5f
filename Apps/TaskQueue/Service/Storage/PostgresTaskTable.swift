import Foundation
import Logging
import PostgresNIO
import TaskQueueCore

/// The SQL of the PostgreSQL queue: the same columns as the SQLite `TaskTable` (times as BIGINT
/// milliseconds since 1970), with a bigserial `seq` giving submission order.
enum PostgresTaskTable {
    /// Creates the tables if they are missing. Run in one transaction holding an advisory lock,
    /// so servers starting together do not race on the catalog.
    static func createSchema(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(7318204511)", logger: logger)
        if let schema {
            try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
        }
        let prefix = schema.map { "\($0)." } ?? ""
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS \(unescaped: prefix)tasks (
                seq BIGSERIAL PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                op TEXT NOT NULL,
                data TEXT NOT NULL,
                key TEXT UNIQUE,
                state TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                max_attempts BIGINT NOT NULL,
                visible_at BIGINT NOT NULL,
                lease_owner TEXT,
                lease_token TEXT,
                lease_expires_at BIGINT,
                result TEXT,
                worker TEXT,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """, logger: logger)
        try await connection.query("CREATE INDEX IF NOT EXISTS tasks_queued ON \(unescaped: prefix)tasks (state, visible_at)", logger: logger)
        try await connection.query("CREATE INDEX IF NOT EXISTS tasks_leased ON \(unescaped: prefix)tasks (state, lease_expires_at)", logger: logger)
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS \(unescaped: prefix)results (
                task_id TEXT PRIMARY KEY REFERENCES \(unescaped: prefix)tasks(id),
                result TEXT NOT NULL,
                worker TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                finished_at BIGINT NOT NULL
            )
            """, logger: logger)
    }

    /// Inserts a new task unless its key is taken; returns whether a row was inserted.
    static func insert(_ task: TaskRecord, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO tasks (id, op, data, key, state, attempts, max_attempts, visible_at, created_at, updated_at)
            VALUES (\(task.id), \(task.op), \(task.data), \(task.key), \(task.state.rawValue), \(task.attempts), \(task.maxAttempts),
                    \(millis(task.visibleAt)), \(millis(task.createdAt)), \(millis(task.updatedAt)))
            ON CONFLICT (key) DO NOTHING
            RETURNING id
            """, logger: logger)
        return try await rows.collect().count == 1
    }

    static func update(_ task: TaskRecord, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE tasks SET state = \(task.state.rawValue), attempts = \(task.attempts), visible_at = \(millis(task.visibleAt)),
                lease_owner = \(task.leaseOwner), lease_token = \(task.leaseToken), lease_expires_at = \(task.leaseExpiresAt.map(millis)),
                result = \(task.result), worker = \(task.worker), last_error = \(task.lastError),
                updated_at = \(millis(task.updatedAt)), finished_at = \(task.finishedAt.map(millis))
            WHERE id = \(task.id)
            """, logger: logger)
    }

    /// Writes the task's one row in the results table (the primary key forbids a second).
    static func insertResult(_ task: TaskRecord, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO results (task_id, result, worker, attempts, created_at, finished_at)
            VALUES (\(task.id), \(task.result ?? ""), \(task.worker ?? ""), \(task.attempts),
                    \(millis(task.createdAt)), \(millis(task.finishedAt ?? task.updatedAt)))
            """, logger: logger)
    }

    /// The task with this id, locked for update when `lock` is set (inside a transaction).
    static func fetch(_ connection: PostgresConnection, id: String, lock: Bool, logger: Logger) async throws -> TaskRecord? {
        let suffix = lock ? " FOR UPDATE" : ""
        return try await records(connection.query("SELECT * FROM tasks WHERE id = \(id)\(unescaped: suffix)", logger: logger)).first
    }

    static func fetch(_ connection: PostgresConnection, key: String, logger: Logger) async throws -> TaskRecord? {
        try await records(connection.query("SELECT * FROM tasks WHERE key = \(key)", logger: logger)).first
    }

    /// Up to `limit` leasable tasks, oldest first, locked for this transaction. `SKIP LOCKED`
    /// passes over rows another transaction (another server) is leasing right now, so two
    /// servers never take the same task and neither waits for the other.
    static func fetchLeasable(_ connection: PostgresConnection, now: Date, limit: Int, logger: Logger) async throws -> [TaskRecord] {
        let now = millis(now)
        return try await records(connection.query("""
            SELECT * FROM tasks
            WHERE (state = 'queued' AND visible_at <= \(now)) OR (state = 'leased' AND lease_expires_at <= \(now))
            ORDER BY seq LIMIT \(limit)
            FOR UPDATE SKIP LOCKED
            """, logger: logger))
    }

    /// Finished (done or dead) tasks in `state`, the most recently finished first.
    static func fetchFinished(_ connection: PostgresConnection, state: TaskState, limit: Int, logger: Logger) async throws -> [TaskRecord] {
        try await records(connection.query(
            "SELECT * FROM tasks WHERE state = \(state.rawValue) ORDER BY finished_at DESC LIMIT \(limit)", logger: logger))
    }

    static func stats(_ connection: PostgresConnection, now: Date, logger: Logger) async throws -> QueueStats {
        let now = millis(now)
        let rows = try await connection.query("""
            SELECT
                COUNT(*) FILTER (WHERE state = 'queued' AND visible_at <= \(now)),
                COUNT(*) FILTER (WHERE state = 'queued' AND visible_at > \(now)),
                COUNT(*) FILTER (WHERE state = 'leased'),
                COUNT(*) FILTER (WHERE state = 'done'),
                COUNT(*) FILTER (WHERE state = 'dead'),
                COUNT(*) FILTER (WHERE attempts > 1 OR (state = 'queued' AND attempts > 0))
            FROM tasks
            """, logger: logger)
        for try await (ready, delayed, leased, done, dead, retried) in rows.decode((Int, Int, Int, Int, Int, Int).self) {
            return QueueStats(ready: ready, delayed: delayed, leased: leased, done: done, dead: dead, retried: retried)
        }
        return QueueStats()
    }

    private static func records(_ rows: PostgresRowSequence) async throws -> [TaskRecord] {
        var records: [TaskRecord] = []
        for try await row in rows { records.append(try record(row.makeRandomAccess())) }
        return records
    }

    private static func record(_ row: PostgresRandomAccessRow) throws -> TaskRecord {
        var task = TaskRecord(
            id: try row["id"].decode(String.self), op: try row["op"].decode(String.self), data: try row["data"].decode(String.self),
            key: try row["key"].decode(String?.self), maxAttempts: try row["max_attempts"].decode(Int.self),
            now: date(try row["created_at"].decode(Int64.self)))
        task.state = TaskState(rawValue: try row["state"].decode(String.self)) ?? .queued
        task.attempts = try row["attempts"].decode(Int.self)
        task.visibleAt = date(try row["visible_at"].decode(Int64.self))
        task.leaseOwner = try row["lease_owner"].decode(String?.self)
        task.leaseToken = try row["lease_token"].decode(String?.self)
        task.leaseExpiresAt = try row["lease_expires_at"].decode(Int64?.self).map(date)
        task.result = try row["result"].decode(String?.self)
        task.worker = try row["worker"].decode(String?.self)
        task.lastError = try row["last_error"].decode(String?.self)
        task.updatedAt = date(try row["updated_at"].decode(Int64.self))
        task.finishedAt = try row["finished_at"].decode(Int64?.self).map(date)
        return task
    }

    private static func millis(_ date: Date) -> Int64 { TaskTable.millis(date) }
    private static func date(_ millis: Int64) -> Date { TaskTable.date(millis) }
}
