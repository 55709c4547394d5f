/// A failure to open, migrate or use a lab's SQLite database, with a message that says what
/// happened, to which file, and what to do next.
///
/// Errors that are about the data rather than the file (a constraint violation, a syntax error in
/// your SQL) are not wrapped: they reach you as GRDB's `DatabaseError`.
public enum LabStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file exists but is not an SQLite database, or its pages are damaged.
    case corrupt(path: String, detail: String)
    /// Another connection (often another process) held a lock for longer than the busy timeout.
    case locked(path: String, busyTimeout: Duration)
    /// SQLite could not open or create the file at all (missing directory, permissions, ...).
    case cannotOpen(path: String, detail: String)
    /// A registered migration threw; that migration was rolled back, earlier ones stay applied.
    case migrationFailed(path: String, migration: String, detail: String)

    /// A one-paragraph explanation: what happened, which file, what to do next.
    public var description: String {
        switch self {
        case let .corrupt(path, detail):
            return "database file '\(path)' is corrupt or is not an SQLite database (\(detail)). "
                + "Restore it from a backup, or move it aside together with its '-wal' and '-shm' "
                + "files to start from an empty database."
        case let .locked(path, busyTimeout):
            return "database file '\(path)' is locked by another connection or process "
                + "(gave up after a busy timeout of \(busyTimeout)). Stop the other process "
                + "(`fuser '\(path)'` lists it), or open the database with a longer busy timeout."
        case let .cannotOpen(path, detail):
            return "cannot open database file '\(path)' (\(detail)). "
                + "Check that its directory exists and that this process may read and write it."
        case let .migrationFailed(path, migration, detail):
            return "migration '\(migration)' failed on database file '\(path)' (\(detail)). "
                + "That migration was rolled back and earlier ones stay applied; "
                + "fix the migration and open the database again."
        }
    }
}
