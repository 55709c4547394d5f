import Foundation
import GRDB
import LabStore
import RaftCore

/// The durable state of one Raft node: `raft.sqlite` in the node's data directory.
///
/// `persist(_:)` writes everything a `RaftReady` asks to persist in one SQLite transaction, hence
/// one fsync (WAL, `synchronous = FULL`): after a crash at any moment, `load()` returns the state
/// after some prefix of the persisted readies and compactions, never a torn one. Take one ready per
/// batch of inputs and you get group commit. The semantics are exactly those of
/// `PersistentState.persist(_:)` and `PersistentState.compact(to:)`.
public final class RaftDiskStorage: Sendable {
    /// The database file's name inside the data directory.
    public static let fileName = "raft.sqlite"

    /// The path of the database file.
    public var path: String { self.database.path }
    /// The node this storage belongs to.
    public let identity: ClusterIdentity
    let database: LabDatabase

    /// Opens (creating if needed) the storage in `directory`, recording `identity` on first open.
    ///
    /// - Throws: `.foreignDataDirectory` when the directory belongs to another cluster or node;
    ///   `.database` when the directory or file cannot be created, opened or migrated.
    public init(directory: String, identity: ClusterIdentity) throws(RaftStorageError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .database("could not create Raft data directory '\(directory)': \(error.localizedDescription)")
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        do {
            self.database = try LabDatabase.open(at: path, migrations: StorageSchema.migrations)
        } catch {
            throw .wrapping(error, path: path, while: "open")
        }
        self.identity = identity
        let found = try self.write("record the identity in") { db in try Self.recordIdentity(identity, db) }
        guard found == identity else {
            throw .foreignDataDirectory(
                path: directory, expectedCluster: identity.clusterID, expectedNode: identity.nodeID,
                foundCluster: found.clusterID, foundNode: found.nodeID)
        }
    }

    /// The identity stored in the file, after storing `identity` if there was none.
    private static func recordIdentity(_ identity: ClusterIdentity, _ db: Database) throws -> ClusterIdentity {
        if let row = try Row.fetchOne(db, sql: "SELECT cluster_id, node_id FROM identity WHERE id = 1") {
            return ClusterIdentity(clusterID: row["cluster_id"], nodeID: SQLiteInteger.loaded(row["node_id"]))
        }
        try db.execute(
            sql: "INSERT INTO identity (id, cluster_id, node_id) VALUES (1, ?, ?)",
            arguments: [identity.clusterID, SQLiteInteger.stored(identity.nodeID)])
        return identity
    }

    /// Runs `updates` in one write transaction (one fsync), describing a failure as `action`.
    func write<T>(_ action: String, _ updates: (Database) throws -> T) throws(RaftStorageError) -> T {
        do {
            return try self.database.write(updates)
        } catch {
            throw .wrapping(error, path: self.path, while: action)
        }
    }

    /// Runs `value` in a read-only snapshot, describing a failure as `action`.
    func read<T>(_ action: String, _ value: (Database) throws -> T) throws(RaftStorageError) -> T {
        do {
            return try self.database.read(value)
        } catch {
            throw .wrapping(error, path: self.path, while: action)
        }
    }
}
