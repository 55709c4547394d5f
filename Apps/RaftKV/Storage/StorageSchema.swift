import LabStore

/// The tables of `raft.sqlite`.
///
/// Terms, indices and node ids are `UInt64`, stored as the `Int64` with the same bit pattern
/// (see `SQLiteInteger`): Raft never reaches index 2⁶³, so index order is preserved in SQL.
enum StorageSchema {
    static let migrations: LabMigrations = {
        var migrations = LabMigrations()
        migrations.register("v1: raft log, hard state, snapshot, identity") { db in
            try db.execute(sql: """
                CREATE TABLE entries (
                    "index" INTEGER PRIMARY KEY,
                    term INTEGER NOT NULL,
                    kind INTEGER NOT NULL,   -- EntryKind: 0 command, 1 noop, 2 membership
                    data BLOB                -- command bytes, membership JSON, NULL for noop
                );
                CREATE TABLE hard_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    term INTEGER NOT NULL,
                    vote INTEGER,
                    "commit" INTEGER NOT NULL
                );
                CREATE TABLE snapshot (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    "index" INTEGER NOT NULL,
                    term INTEGER NOT NULL,
                    membership BLOB NOT NULL,
                    data BLOB NOT NULL
                );
                CREATE TABLE identity (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    cluster_id TEXT NOT NULL,
                    node_id INTEGER NOT NULL
                );
                """)
        }
        return migrations
    }()
}
