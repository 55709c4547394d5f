import GRDB
import RaftCore

extension RaftDiskStorage {
    /// Everything persisted: the hard state (default if never stored), the snapshot with its data,
    /// and the stored entries in index order.
    ///
    /// - Throws: `.corruptEntry` when a stored entry or the snapshot cannot be decoded; `.database`
    ///   when the file cannot be read.
    public func load() throws(RaftStorageError) -> PersistentState {
        try self.read("load") { db in
            PersistentState(
                hardState: try Self.loadHardState(db),
                snapshot: try Self.loadSnapshot(db),
                entries: try Self.loadEntries(db))
        }
    }

    private static func loadHardState(_ db: Database) throws -> HardState {
        guard let row = try Row.fetchOne(db, sql: #"SELECT term, vote, "commit" FROM hard_state WHERE id = 1"#) else {
            return HardState()
        }
        let vote: Int64? = row["vote"]
        return HardState(
            term: SQLiteInteger.loaded(row["term"]), vote: vote.map(SQLiteInteger.loaded),
            commit: SQLiteInteger.loaded(row["commit"]))
    }

    private static func loadSnapshot(_ db: Database) throws -> Snapshot? {
        let sql = #"SELECT "index", term, membership, data FROM snapshot WHERE id = 1"#
        guard let row = try Row.fetchOne(db, sql: sql) else { return nil }
        let index = SQLiteInteger.loaded(row["index"])
        return Snapshot(
            index: index, term: SQLiteInteger.loaded(row["term"]),
            membership: try MembershipCoding.decode(row["membership"], index: index), data: row["data"])
    }

    private static func loadEntries(_ db: Database) throws -> [LogEntry] {
        var entries: [LogEntry] = []
        let rows = try Row.fetchCursor(db, sql: #"SELECT "index", term, kind, data FROM entries ORDER BY "index""#)
        while let row = try rows.next() {
            let index = SQLiteInteger.loaded(row["index"])
            let payload = try StoredPayload.payload(kind: row["kind"], data: row["data"], index: index)
            entries.append(LogEntry(index: index, term: SQLiteInteger.loaded(row["term"]), payload: payload))
        }
        return entries
    }
}
