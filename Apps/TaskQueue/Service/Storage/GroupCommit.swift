import GRDB
import Synchronization
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
/// the writes that follow it see it, since batches commit in order. A write may also hand its
/// value to someone else as soon as its savepoint has run (`whenRun`), while its caller waits for
/// the commit: a submission leasing its task to a waiting worker (`SQLiteTaskStore.submit(_:now:leasingTo:limit:whenLeased:)`).
actor GroupCommit {
    private struct Pending: Sendable {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
        let awaitsCommit: Bool
        let whenRun: (@Sendable (any Sendable) -> Void)?
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
    /// `whenRun` gets the value right after `work` has run, if it did not throw: before the
    /// commit, which may still fail (the caller then gets the error).
    func write<T: Sendable>(
        awaitingCommit: Bool = true, _ work: @escaping @Sendable (Database) throws -> T, whenRun: (@Sendable (T) -> Void)? = nil
    ) async throws -> T {
        let early: (@Sendable (any Sendable) -> Void)?
        if let whenRun {
            early = { @Sendable (value: any Sendable) in
                if let value = value as? T { whenRun(value) }
            }
        } else {
            early = nil
        }
        let value = try await withCheckedThrowingContinuation { continuation in
            self.pending.append(Pending(work: { try work($0) }, continuation: continuation, awaitsCommit: awaitingCommit, whenRun: early))
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
            let ran = BatchRan()
            do {
                let outcomes = try await self.database.write { db in
                    ran.mark()
                    return batch.map { item in
                        let outcome = Self.run(item.work, in: db)
                        if let whenRun = item.whenRun, case .success(let value) = outcome { whenRun(value) }
                        if !item.awaitsCommit { item.continuation.resume(with: outcome) }
                        return outcome
                    }
                }
                for (item, outcome) in zip(batch, outcomes) where item.awaitsCommit { item.continuation.resume(with: outcome) }
            } catch {
                // Writes answered early were answered if the batch ran; if it could not even start, now.
                for item in batch where item.awaitsCommit || !ran.happened { item.continuation.resume(throwing: error) }
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

/// Whether a batch's transaction body started, so that a failed batch answers the writes that
/// were not answered early exactly once.
private final class BatchRan: Sendable {
    private let started = Mutex(false)

    func mark() { self.started.withLock { $0 = true } }
    var happened: Bool { self.started.withLock { $0 } }
}
