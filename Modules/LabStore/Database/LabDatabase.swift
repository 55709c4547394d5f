import GRDB

/// A lab's SQLite database file, opened for durable, concurrent use.
///
/// The file is opened as a GRDB `DatabasePool` in WAL mode (one writer, concurrent readers), with
/// foreign keys on, the configured `PRAGMA synchronous` (FULL by default: a commit that returned
/// is on disk) and a busy timeout. `read` and `write` report a corrupt or locked file as a
/// `LabStoreError`; `pool` is there for the GRDB APIs this type does not wrap.
public struct LabDatabase: Sendable {
    /// The path of the database file.
    public let path: String
    /// The options the file was opened with.
    public let options: DatabaseOptions
    /// The underlying GRDB pool. Errors from calls made directly on it are not translated.
    public let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`, then applies the migrations it lacks.
    ///
    /// - Throws: `LabStoreError` when the file is corrupt, locked, cannot be opened, or a
    ///   migration fails.
    public static func open(
        at path: String,
        options: DatabaseOptions = DatabaseOptions(),
        migrations: LabMigrations = LabMigrations()
    ) throws -> LabDatabase {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration(for: options))
            // GRDB sets synchronous = NORMAL on the writer when it switches to WAL, after our
            // per-connection preparation ran: restore the level we were asked for.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(options.synchronous.rawValue)")
            }
            try migrations.migrator.migrate(pool)
        } catch {
            throw LabStoreError.translating(error, path: path, busyTimeout: options.busyTimeout)
        }
        return LabDatabase(path: path, options: options, pool: pool)
    }

    private static func configuration(for options: DatabaseOptions) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(options.busyTimeout / .seconds(1))
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(options.synchronous.rawValue)")
        }
        return configuration
    }

    /// Runs `updates` in a write transaction, committed (and durable) when it returns.
    public func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(updates)
        } catch {
            throw translated(error)
        }
    }

    /// Runs `updates` in a write transaction without blocking the caller's thread.
    public func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(updates)
        } catch {
            throw translated(error)
        }
    }

    /// Runs `value` in a read-only snapshot, concurrently with other reads and the writer.
    public func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(value)
        } catch {
            throw translated(error)
        }
    }

    /// Runs `value` in a read-only snapshot without blocking the caller's thread.
    public func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(value)
        } catch {
            throw translated(error)
        }
    }

    private func translated(_ error: any Error) -> any Error {
        LabStoreError.translating(error, path: path, busyTimeout: options.busyTimeout)
    }
}
