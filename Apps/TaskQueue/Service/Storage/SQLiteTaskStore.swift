import Foundation
import GRDB
import LabStore
import TaskQueueCore

/// The embedded queue: one SQLite file in WAL mode with synchronous FULL, so a task is on disk
/// before `submit` returns. Every method is one atomic change applying `rules`; changes
/// that arrive together share one transaction and one fsync (see `GroupCommit`), which every
/// method but `lease` waits for.
public struct SQLiteTaskStore: TaskStore {
    public let policy: QueuePolicy
    /// The lifecycle every change applies: the course's `TaskLifecycle`, or a student's.
    public let rules: any TaskLifecycleRules.Type
    private let database: LabDatabase
    private let commits: GroupCommit

    /// Opens (creating and migrating if needed) the queue database at `path`.
    public init(
        path: String, policy: QueuePolicy = QueuePolicy(), synchronous: DatabaseOptions.Synchronous = .full,
        rules: any TaskLifecycleRules.Type = TaskLifecycle.self
    ) throws {
        self.policy = policy
        self.rules = rules
        self.database = try LabDatabase.open(
            at: path,
            options: DatabaseOptions(synchronous: synchronous),
            migrations: TaskTable.migrations
        )
        self.commits = GroupCommit(database: self.database)
    }

    public func submit(_ submission: TaskSubmission, now: Date) async throws -> SubmitOutcome {
        let maxAttempts = self.policy.maxAttempts
        return try await self.commits.write { db in try Self.insert(submission, maxAttempts: maxAttempts, now: now, db) }
    }

    /// Answers as soon as the lease is decided, without waiting for its batch's commit (see
    /// `TaskStore.lease`): the worker runs the task while the lease is made durable, and its
    /// completion, a later write, commits after the lease or is refused if the lease was lost.
    public func lease(worker: String, limit: Int, now: Date) async throws -> [TaskRecord] {
        let (policy, rules) = (self.policy, self.rules)
        let now = TaskTable.storedPrecision(now)
        return try await self.commits.write(awaitingCommit: false) { db in
            try Self.lease(worker: worker, limit: limit, now: now, policy: policy, rules: rules, db)
        }
    }

    /// Inserts and leases in one savepoint of one group commit; the leases go to `whenLeased` as
    /// soon as the savepoint has run, the outcome to the caller once the batch has committed.
    public func submit(
        _ submission: TaskSubmission, now: Date, leasingTo worker: String, limit: Int,
        whenLeased: @escaping @Sendable ([TaskRecord]) -> Void
    ) async throws -> SubmitOutcome {
        let (policy, rules) = (self.policy, self.rules)
        let now = TaskTable.storedPrecision(now)
        let (outcome, _) = try await self.commits.write({ db in
            let outcome = try Self.insert(submission, maxAttempts: policy.maxAttempts, now: now, db)
            return (outcome, try Self.lease(worker: worker, limit: limit, now: now, policy: policy, rules: rules, db))
        }, whenRun: { whenLeased($0.1) })
        return outcome
    }

    public func extend(id: String, token: String, now: Date) async throws -> TaskRecord {
        let (policy, rules) = (self.policy, self.rules)
        return try await self.change(id) { task throws(LeaseError) in try rules.extend(task, token: token, now: now, policy: policy) }
    }

    public func complete(id: String, token: String, result: String, worker: String, now: Date) async throws -> TaskRecord {
        let rules = self.rules
        let now = TaskTable.storedPrecision(now)  // as stored: a document rebuilt from the row is the same
        return try await self.commits.write { db in
            guard let task = try TaskTable.fetch(db, id: id) else { throw LeaseError.unknownTask(id: id) }
            let next = try rules.complete(task, token: token, result: result, worker: worker, now: now)
            try TaskTable.update(next, db)
            try TaskTable.insertResult(next, db)
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
        try await self.database.read { db in try TaskTable.fetch(db, id: id) }
    }

    public func deadLetters(limit: Int) async throws -> [TaskRecord] {
        try await self.database.read { db in try TaskTable.fetchFinished(db, state: .dead, limit: limit) }
    }

    public func recentlyDone(limit: Int) async throws -> [TaskRecord] {
        try await self.database.read { db in try TaskTable.fetchFinished(db, state: .done, limit: limit) }
    }

    public func stats(now: Date) async throws -> QueueStats {
        try await self.database.read { db in try TaskTable.stats(db, now: now) }
    }

    private static func insert(_ submission: TaskSubmission, maxAttempts: Int, now: Date, _ db: Database) throws -> SubmitOutcome {
        if let key = submission.key, let existing = try TaskTable.fetch(db, key: key) {
            return SubmitOutcome(task: existing, created: false)
        }
        let task = TaskRecord(id: TaskIdentifier.make(), op: submission.op, data: submission.data, key: submission.key, maxAttempts: maxAttempts, now: now)
        try TaskTable.insert(task, db)
        return SubmitOutcome(task: task, created: true)
    }

    private static func lease(
        worker: String, limit: Int, now: Date, policy: QueuePolicy, rules: any TaskLifecycleRules.Type, _ db: Database
    ) throws -> [TaskRecord] {
        var leased: [TaskRecord] = []
        for task in try TaskTable.fetchLeasable(db, now: now, limit: limit) {
            let next = rules.lease(task, to: worker, token: TaskIdentifier.make(), now: now, policy: policy)
            try TaskTable.update(next, db)
            if next.state == .leased { leased.append(next) }
        }
        return leased
    }

    private func change(_ id: String, _ transition: @escaping @Sendable (TaskRecord) throws(LeaseError) -> TaskRecord) async throws -> TaskRecord {
        try await self.commits.write { db in
            guard let task = try TaskTable.fetch(db, id: id) else { throw LeaseError.unknownTask(id: id) }
            let next = try transition(task)
            try TaskTable.update(next, db)
            return next
        }
    }
}
