/// How a lab database is opened: durability of commits and how long to wait for a lock.
public struct DatabaseOptions: Sendable, Equatable {
    /// SQLite's `PRAGMA synchronous` level for commits.
    public enum Synchronous: String, Sendable, Equatable {
        /// Every commit is fsync'd before it returns: nothing acknowledged is lost on power loss.
        case full = "FULL"
        /// Commits are fsync'd at WAL checkpoints only: faster, and still never corrupt, but the
        /// last commits before a power loss (not a process crash) may roll back.
        case normal = "NORMAL"
    }

    /// Durability of commits; `.full` unless you measured that you need `.normal`.
    public var synchronous: Synchronous
    /// How long a statement waits for another connection's lock before failing with
    /// `LabStoreError.locked`.
    public var busyTimeout: Duration

    /// Creates options; the defaults are durable commits and a 5 second busy timeout.
    public init(synchronous: Synchronous = .full, busyTimeout: Duration = .seconds(5)) {
        self.synchronous = synchronous
        self.busyTimeout = busyTimeout
    }
}
