import GRDB
import LabStore

/// The tracker database's tables: accounts, sessions, peers, files and who holds what.
enum TrackerSchema {
    /// The migrations, in order; never edit a shipped one.
    static var migrations: LabMigrations {
        var migrations = LabMigrations()
        migrations.register("v1: accounts, sessions, peers, files, holdings") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    username TEXT PRIMARY KEY,
                    salt BLOB NOT NULL,
                    rounds INTEGER NOT NULL,
                    key BLOB NOT NULL,
                    failures INTEGER NOT NULL DEFAULT 0,
                    lastFailure REAL
                );
                CREATE TABLE session (
                    digest TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES account(username) ON DELETE CASCADE,
                    expiresAt REAL NOT NULL
                );
                CREATE TABLE peer (
                    id TEXT PRIMARY KEY,
                    address TEXT NOT NULL,
                    lastSeen REAL NOT NULL
                );
                CREATE TABLE file (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    pieceSize INTEGER NOT NULL,
                    pieces TEXT NOT NULL
                );
                CREATE TABLE holding (
                    peer TEXT NOT NULL REFERENCES peer(id) ON DELETE CASCADE,
                    file TEXT NOT NULL REFERENCES file(id),
                    PRIMARY KEY (peer, file)
                );
                CREATE INDEX holding_by_file ON holding(file);
                """)
        }
        return migrations
    }
}
