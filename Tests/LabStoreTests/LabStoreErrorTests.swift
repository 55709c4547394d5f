import LabTestSupport
import Foundation
import GRDB
import LabStore
import Testing

/// A corrupt, locked or badly migrated database file is reported as a `LabStoreError` naming it.
@Suite struct LabStoreErrorTests {
    @Test func garbageFileIsReportedAsCorrupt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("garbage.sqlite")
        try Data(repeating: 0xA5, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: LabStoreError.self) { try LabDatabase.open(at: path) }
        guard case .corrupt(let reportedPath, _) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect(error?.description.contains(path) == true)
    }

    @Test func damagedPagesAreReportedAsCorrupt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("damaged.sqlite")
        do {
            let database = try LabDatabase.open(at: path, migrations: LabDatabaseTests.notesMigrations())
            try database.write { db in
                for index in 0..<200 {
                    try db.execute(sql: "INSERT INTO note (text) VALUES (?)",
                                   arguments: [String(repeating: "x", count: 100 + index)])
                }
            }
        }
        // The pool is closed: the WAL is checkpointed into the file. Keep page 1 (the header and
        // schema), overwrite every other page.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let pageSize = 4096
        #expect(bytes.count > 2 * pageSize)
        bytes.replaceSubrange(pageSize..<bytes.count,
                              with: Data(repeating: 0xFF, count: bytes.count - pageSize))
        try bytes.write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: LabStoreError.self) {
            let database = try LabDatabase.open(at: path, migrations: LabDatabaseTests.notesMigrations())
            _ = try database.read { db in try String.fetchAll(db, sql: "SELECT text FROM note") }
        }
        guard case .corrupt(path, _) = error else {
            Issue.record("expected .corrupt naming \(path), got \(String(describing: error))")
            return
        }
    }

    @Test func exclusiveLockHeldElsewhereIsReportedAsLocked() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("locked.sqlite")
        _ = try LabDatabase.open(at: path, migrations: LabDatabaseTests.notesMigrations())

        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: configuration)
        try holder.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        defer { try? holder.inDatabase { db in try db.execute(sql: "ROLLBACK") } }

        let busyTimeout = Duration.milliseconds(200)
        let error = #expect(throws: LabStoreError.self) {
            let database = try LabDatabase.open(at: path, options: DatabaseOptions(busyTimeout: busyTimeout))
            try database.write { db in try db.execute(sql: "INSERT INTO note (text) VALUES ('blocked')") }
        }
        #expect(error == .locked(path: path, busyTimeout: busyTimeout))
        #expect(error?.description.contains(path) == true)
    }

    @Test func failingMigrationIsNamed() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("lab.sqlite")
        var migrations = LabDatabaseTests.notesMigrations()
        migrations.register("v2: broken") { db in try db.execute(sql: "ALTER TABLE nowhere ADD x") }
        let error = #expect(throws: LabStoreError.self) {
            try LabDatabase.open(at: path, migrations: migrations)
        }
        guard case .migrationFailed(path, "v2: broken", _) = error else {
            Issue.record("expected .migrationFailed naming v2, got \(String(describing: error))")
            return
        }
        // v1 stays applied: the table exists.
        let database = try LabDatabase.open(at: path, migrations: LabDatabaseTests.notesMigrations())
        let count = try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM note") }
        #expect(count == 0)
    }
}
