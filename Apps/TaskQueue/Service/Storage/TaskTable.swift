import Foundation
import GRDB
import LabStore
import TaskQueueCore

/// The SQL of the SQLite queue: schema, row mapping and queries. Times are stored as integer
/// milliseconds since 1970, so that the PostgreSQL backend can use the same columns. The
/// statements of the task path are prepared once per connection (`cachedStatement`), not per call.
enum TaskTable {
    static var migrations: LabMigrations {
        var migrations = LabMigrations()
        migrations.register("create tasks and results") { db in
            try db.execute(sql: """
                CREATE TABLE tasks (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    op TEXT NOT NULL,
                    data TEXT NOT NULL,
                    key TEXT UNIQUE,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    max_attempts INTEGER NOT NULL,
                    visible_at INTEGER NOT NULL,
                    lease_owner TEXT,
                    lease_token TEXT,
                    lease_expires_at INTEGER,
                    result TEXT,
                    worker TEXT,
                    last_error TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    finished_at INTEGER
                );
                CREATE INDEX tasks_queued ON tasks(state, visible_at);
                CREATE INDEX tasks_leased ON tasks(state, lease_expires_at);
                CREATE TABLE results (
                    task_id TEXT PRIMARY KEY REFERENCES tasks(id),
                    result TEXT NOT NULL,
                    worker TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    finished_at INTEGER NOT NULL
                );
                """)
        }
        return migrations
    }

    static func insert(_ task: TaskRecord, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO tasks (id, op, data, key, state, attempts, max_attempts, visible_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [task.id, task.op, task.data, task.key, task.state.rawValue, task.attempts, task.maxAttempts,
                             millis(task.visibleAt), millis(task.createdAt), millis(task.updatedAt)])
    }

    static func update(_ task: TaskRecord, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE tasks SET state = ?, attempts = ?, visible_at = ?, lease_owner = ?, lease_token = ?, lease_expires_at = ?,
                result = ?, worker = ?, last_error = ?, updated_at = ?, finished_at = ?
            WHERE id = ?
            """).execute(arguments: [task.state.rawValue, task.attempts, millis(task.visibleAt), task.leaseOwner, task.leaseToken,
                             task.leaseExpiresAt.map(millis), task.result, task.worker, task.lastError, millis(task.updatedAt),
                             task.finishedAt.map(millis), task.id])
    }

    /// Writes the task's one row in the results table; a second completion of the same task is
    /// impossible (the lifecycle refuses it) and would violate the primary key if it happened.
    static func insertResult(_ task: TaskRecord, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO results (task_id, result, worker, attempts, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [task.id, task.result ?? "", task.worker ?? "", task.attempts, millis(task.createdAt), millis(task.finishedAt ?? task.updatedAt)])
    }

    static func fetch(_ db: Database, id: String) throws -> TaskRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tasks WHERE id = ?"), arguments: [id]).map(record)
    }

    static func fetch(_ db: Database, key: String) throws -> TaskRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tasks WHERE key = ?"), arguments: [key]).map(record)
    }

    static func fetchLeasable(_ db: Database, now: Date, limit: Int) throws -> [TaskRecord] {
        let now = millis(now)
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM (
                SELECT * FROM tasks WHERE state = 'queued' AND visible_at <= ?
                UNION ALL
                SELECT * FROM tasks WHERE state = 'leased' AND lease_expires_at <= ?
            ) ORDER BY seq LIMIT ?
            """), arguments: [now, now, limit]).map(record)
    }

    /// Finished (done or dead) tasks in `state`, the most recently finished first.
    static func fetchFinished(_ db: Database, state: TaskState, limit: Int) throws -> [TaskRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM tasks WHERE state = ? ORDER BY finished_at DESC LIMIT ?", arguments: [state.rawValue, limit]).map(record)
    }

    static func stats(_ db: Database, now: Date) throws -> QueueStats {
        let row = try Row.fetchOne(db, sql: """
            SELECT
                COALESCE(SUM(state = 'queued' AND visible_at <= ?), 0) AS ready,
                COALESCE(SUM(state = 'queued' AND visible_at > ?), 0) AS delayed,
                COALESCE(SUM(state = 'leased'), 0) AS leased,
                COALESCE(SUM(state = 'done'), 0) AS done,
                COALESCE(SUM(state = 'dead'), 0) AS dead,
                COALESCE(SUM(attempts > 1 OR (state = 'queued' AND attempts > 0)), 0) AS retried
            FROM tasks
            """, arguments: [millis(now), millis(now)])
        guard let row else { return QueueStats() }
        return QueueStats(ready: row["ready"], delayed: row["delayed"], leased: row["leased"], done: row["done"], dead: row["dead"], retried: row["retried"])
    }

    private static func record(_ row: Row) -> TaskRecord {
        var task = TaskRecord(id: row["id"], op: row["op"], data: row["data"], key: row["key"], maxAttempts: row["max_attempts"], now: date(row["created_at"]))
        task.state = TaskState(rawValue: row["state"]) ?? .queued
        task.attempts = row["attempts"]
        task.visibleAt = date(row["visible_at"])
        task.leaseOwner = row["lease_owner"]
        task.leaseToken = row["lease_token"]
        task.leaseExpiresAt = (row["lease_expires_at"] as Int64?).map(date)
        task.result = row["result"]
        task.worker = row["worker"]
        task.lastError = row["last_error"]
        task.updatedAt = date(row["updated_at"])
        task.finishedAt = (row["finished_at"] as Int64?).map(date)
        return task
    }

    /// `date` rounded to the stored milliseconds, so that the SQL filter and `TaskLifecycle`
    /// agree on whether a task is leasable (a task submitted within the same millisecond is).
    static func storedPrecision(_ date: Date) -> Date { self.date(self.millis(date)) }

    static func millis(_ date: Date) -> Int64 { date.unixMilliseconds }
    static func date(_ millis: Int64) -> Date { Date(unixMilliseconds: millis) }
}
