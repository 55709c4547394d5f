import GRDB
import RaftCore

extension RaftDiskStorage {
    /// Durably applies the persistence part of `ready`, in one transaction, exactly as
    /// `PersistentState.persist(_:)` does: the snapshot replaces the whole log, then the entries
    /// replace the stored ones from the first new index on, then the hard state is stored.
    /// Does nothing (no transaction, no fsync) when there is nothing to persist.
    public func persist(_ ready: RaftReady) throws(RaftStorageError) {
        guard ready.snapshot != nil || !ready.entries.isEmpty || ready.hardState != nil else { return }
        try self.write("persist a ready to") { db in
            if let snapshot = ready.snapshot {
                try Self.store(snapshot, db)
                try db.cachedStatement(sql: "DELETE FROM entries").execute()
            }
            if let first = ready.entries.first {
                try db.cachedStatement(sql: #"DELETE FROM entries WHERE "index" >= ?"#)
                    .execute(arguments: [SQLiteInteger.stored(first.index)])
                try Self.insert(ready.entries, db)
            }
            if let hardState = ready.hardState {
                try Self.store(hardState, db)
            }
        }
    }

    /// Durably stores `snapshot` and drops the entries it covers (index <= `snapshot.index`), in one
    /// transaction, exactly as `PersistentState.compact(to:)` does.
    public func compact(to snapshot: Snapshot) throws(RaftStorageError) {
        try self.write("compact") { db in
            try Self.store(snapshot, db)
            try db.cachedStatement(sql: #"DELETE FROM entries WHERE "index" <= ?"#)
                .execute(arguments: [SQLiteInteger.stored(snapshot.index)])
        }
    }

    private static func insert(_ entries: [LogEntry], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: #"INSERT INTO entries ("index", term, kind, data) VALUES (?, ?, ?, ?)"#)
        for entry in entries {
            let stored = try StoredPayload(entry.payload)
            try statement.execute(arguments: [
                SQLiteInteger.stored(entry.index), SQLiteInteger.stored(entry.term), stored.kind.rawValue, stored.data,
            ])
        }
    }

    private static func store(_ snapshot: Snapshot, _ db: Database) throws {
        let sql = #"INSERT OR REPLACE INTO snapshot (id, "index", term, membership, data) VALUES (1, ?, ?, ?, ?)"#
        try db.cachedStatement(sql: sql).execute(arguments: [
            SQLiteInteger.stored(snapshot.index), SQLiteInteger.stored(snapshot.term),
            try MembershipCoding.encode(snapshot.membership), snapshot.data,
        ])
    }

    private static func store(_ hardState: HardState, _ db: Database) throws {
        let sql = #"INSERT OR REPLACE INTO hard_state (id, term, vote, "commit") VALUES (1, ?, ?, ?)"#
        try db.cachedStatement(sql: sql).execute(arguments: [
            SQLiteInteger.stored(hardState.term), hardState.vote.map(SQLiteInteger.stored),
            SQLiteInteger.stored(hardState.commit),
        ])
    }
}
