import GRDB

/// The schema history of one lab's database: an ordered list of named migrations.
///
/// A thin wrapper over GRDB's `DatabaseMigrator`. Each lab builds one value, registers its
/// migrations in order, and passes it to `LabDatabase.open(at:options:migrations:)`, which applies
/// the ones the file has not seen yet. Rules of the game:
/// - never edit or rename a migration that has shipped; add a new one instead;
/// - each migration runs in its own transaction: if it throws, it is rolled back and the open
///   fails with `LabStoreError.migrationFailed` naming it;
/// - foreign keys are checked when each migration commits, so a migration may recreate tables.
///
/// ```swift
/// var migrations = LabMigrations()
/// migrations.register("v1: tasks") { db in
///     try db.create(table: "task") { t in
///         t.primaryKey("id", .text)
///         t.column("payload", .blob).notNull()
///     }
/// }
/// let database = try LabDatabase.open(at: path, migrations: migrations)
/// ```
public struct LabMigrations: Sendable {
    private(set) var migrator = DatabaseMigrator()

    /// Creates an empty history.
    public init() {}

    /// Appends the migration `identifier`; identifiers must be unique within this history.
    public mutating func register(
        _ identifier: String,
        _ migrate: @escaping @Sendable (Database) throws -> Void
    ) {
        migrator.registerMigration(identifier) { db in
            do {
                try migrate(db)
            } catch {
                throw MigrationFailure(migration: identifier, detail: String(describing: error))
            }
        }
    }
}

/// The error a failing migration is wrapped in until `LabDatabase.open` knows the file's path.
struct MigrationFailure: Error {
    var migration: String
    var detail: String
}
