import GRDB
import LabStore

/// Group commit: folds the write transactions that arrive while a commit is in progress into one
/// SQLite transaction, so that concurrent submits, leases and completions share one fsync.
///
/// Each write runs in its own savepoint inside the shared transaction: one that throws is rolled
/// back alone and its caller gets the error, the others go on. Nobody gets a result before the
/// shared transaction has committed (durably, with synchronous FULL); if the commit fails, every
/// caller of the batch gets the error. The exception is a write made with `awaitingCommit: false`,
/// answered as soon as its savepoint has run: for changes that nobody is promised and that are
/// safe to lose (a lease; see `SQLiteTaskStore.lease`). It is still committed with its batch, and
/// the writes that follow it see it, since batches commit in order.
actor GroupCommit {
    private struct Pending: Sendable {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
        let awaitsCommit: Bool
    }

    private let database: LabDatabase
    private var pending: [Pending] = []
    private var committing = false

    /// Group commits on `database`.
    init(database: LabDatabase) {
        self.database = database
    }

    /// Runs `work` in the next shared transaction and returns its value once that has committed,
    /// or, with `awaitingCommit` false, once `work` has run in it.
    func write<T: Sendable>(awaitingCommit: Bool = true, _ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            self.pending.append(Pending(work: { try work($0) }, continuation: continuation, awaitsCommit: awaitingCommit))
            if !self.committing {
                self.committing = true
                Task { await self.commitPending() }
            }
        }
        guard let value = value as? T else { preconditionFailure("a group-commit write returned a \(type(of: value)), not a \(T.self)") }
        return value
    }

    /// Commits batches until no write is waiting.
    private func commitPending() async {
        while !self.pending.isEmpty {
            let batch = self.pending
            self.pending.removeAll()
            do {
                let outcomes = try await self.database.write { db in
                    batch.map { item in
                        let outcome = Self.run(item.work, in: db)
                        if !item.awaitsCommit { item.continuation.resume(with: outcome) }
                        return outcome
                    }
                }
                for (item, outcome) in zip(batch, outcomes) where item.awaitsCommit { item.continuation.resume(with: outcome) }
            } catch {
                for item in batch where item.awaitsCommit { item.continuation.resume(throwing: error) }
            }
        }
        self.committing = false
    }

    /// Runs one write in a savepoint of the shared transaction.
    private static func run(_ work: (Database) throws -> any Sendable, in db: Database) -> Result<any Sendable, any Error> {
        Result {
            var value: (any Sendable)?
            try db.inSavepoint {
                value = try work(db)
                return .commit
            }
            return value!
        }
    }
}
