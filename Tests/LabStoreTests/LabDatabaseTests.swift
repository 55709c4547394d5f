import LabTestSupport
import GRDB
import LabStore
import Testing

/// Opening, migrating, reading and writing a lab database, and the PRAGMAs it runs with.
@Suite struct LabDatabaseTests {
    static func notesMigrations() -> LabMigrations {
        var migrations = LabMigrations()
        migrations.register("v1: notes") { db in
            try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        }
        return migrations
    }

    @Test func writesAndReadsBackAfterMigrating() throws {
        let directory = try TemporaryDirectory()
        let database = try LabDatabase.open(
            at: directory.file("lab.sqlite"), migrations: Self.notesMigrations())
        try database.write { db in
            try db.execute(sql: "INSERT INTO note (text) VALUES (?)", arguments: ["hello"])
        }
        let texts = try database.read { db in try String.fetchAll(db, sql: "SELECT text FROM note") }
        #expect(texts == ["hello"])
    }

    @Test func asyncWritesAndReads() async throws {
        let directory = try TemporaryDirectory()
        let database = try LabDatabase.open(
            at: directory.file("lab.sqlite"), migrations: Self.notesMigrations())
        try await database.write { db in
            try db.execute(sql: "INSERT INTO note (text) VALUES ('async')")
        }
        let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM note") }
        #expect(count == 1)
    }

    @Test func reopeningKeepsDataAndAppliesOnlyNewMigrations() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("lab.sqlite")
        do {
            let database = try LabDatabase.open(at: path, migrations: Self.notesMigrations())
            try database.write { db in try db.execute(sql: "INSERT INTO note (text) VALUES ('kept')") }
        }
        var migrations = Self.notesMigrations()
        migrations.register("v2: note.author") { db in
            try db.execute(sql: "ALTER TABLE note ADD COLUMN author TEXT")
        }
        let reopened = try LabDatabase.open(at: path, migrations: migrations)
        let rows = try reopened.read { db in
            try Row.fetchAll(db, sql: "SELECT text, author FROM note").map { $0["text"] as String }
        }
        #expect(rows == ["kept"])
    }

    @Test func runsInWALModeWithFullSynchronousAndForeignKeys() throws {
        let directory = try TemporaryDirectory()
        let database = try LabDatabase.open(at: directory.file("lab.sqlite"))
        let writer = try database.write { db in try Self.pragmas(db) }
        let reader = try database.read { db in try Self.pragmas(db) }
        #expect(writer == Pragmas(journalMode: "wal", synchronous: 2, foreignKeys: 1))
        #expect(reader == Pragmas(journalMode: "wal", synchronous: 2, foreignKeys: 1))
    }

    @Test func synchronousCanBeRelaxedToNormal() throws {
        let directory = try TemporaryDirectory()
        let database = try LabDatabase.open(
            at: directory.file("lab.sqlite"), options: DatabaseOptions(synchronous: .normal))
        let synchronous = try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 1)
    }

    @Test func foreignKeysAreEnforced() throws {
        let directory = try TemporaryDirectory()
        var migrations = LabMigrations()
        migrations.register("v1") { db in
            try db.execute(sql: """
                CREATE TABLE author (id INTEGER PRIMARY KEY);
                CREATE TABLE book (id INTEGER PRIMARY KEY, author INTEGER NOT NULL REFERENCES author(id));
                """)
        }
        let database = try LabDatabase.open(at: directory.file("lab.sqlite"), migrations: migrations)
        #expect(throws: DatabaseError.self) {
            try database.write { db in try db.execute(sql: "INSERT INTO book (author) VALUES (42)") }
        }
    }

    struct Pragmas: Equatable {
        var journalMode: String?
        var synchronous: Int?
        var foreignKeys: Int?
    }

    static func pragmas(_ db: Database) throws -> Pragmas {
        Pragmas(
            journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode"),
            synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous"),
            foreignKeys: try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
    }
}
