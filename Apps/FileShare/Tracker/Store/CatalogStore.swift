import FileShareCore
import Foundation
import GRDB

/// Reads and writes of peers, files and holdings, inside a caller's transaction.
enum CatalogStore {
    /// Registers (or moves) `peer`, marks it seen at `now`, and makes `files` exactly what it holds.
    static func announce(_ db: Database, peer: TrackerAPI.Peer, files: [FileManifest], at now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO peer (id, address, lastSeen) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET address = excluded.address, lastSeen = excluded.lastSeen
                """,
            arguments: [peer.id, peer.address, now.timeIntervalSince1970])
        try db.execute(sql: "DELETE FROM holding WHERE peer = ?", arguments: [peer.id])
        for file in files {
            let pieces = String(decoding: try JSONEncoder().encode(file.pieces), as: UTF8.self)
            try db.execute(
                sql: "INSERT OR IGNORE INTO file (id, name, size, pieceSize, pieces) VALUES (?, ?, ?, ?, ?)",
                arguments: [file.id, file.name, file.size, file.pieceSize, pieces])
            try db.execute(sql: "INSERT OR IGNORE INTO holding (peer, file) VALUES (?, ?)", arguments: [peer.id, file.id])
        }
    }

    /// Marks `peer` seen at `now`; false when no such peer is registered.
    static func touch(_ db: Database, peer: String, at now: Date) throws -> Bool {
        try db.execute(sql: "UPDATE peer SET lastSeen = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, peer])
        return db.changesCount > 0
    }

    /// Deletes `peer` and its holdings (a graceful leave); false when no such peer is registered.
    static func remove(_ db: Database, peer: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM peer WHERE id = ?", arguments: [peer])
        return db.changesCount > 0
    }

    /// Deletes peers last seen before `cutoff` (their holdings go with them); returns their ids.
    static func dropPeers(_ db: Database, seenBefore cutoff: Date) throws -> [String] {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM peer WHERE lastSeen <= ? ORDER BY id", arguments: [cutoff.timeIntervalSince1970])
        try db.execute(sql: "DELETE FROM peer WHERE lastSeen <= ?", arguments: [cutoff.timeIntervalSince1970])
        return ids
    }

    /// Files whose name contains `text` (case-insensitive), with their live replica counts.
    static func search(_ db: Database, text: String) throws -> [TrackerAPI.SearchResult] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT file.id, file.name, file.size, COUNT(holding.peer) AS replicas
                FROM file LEFT JOIN holding ON holding.file = file.id
                WHERE instr(lower(file.name), lower(?)) > 0
                GROUP BY file.id ORDER BY file.name, file.id LIMIT 1000
                """,
            arguments: [text])
        return rows.map { TrackerAPI.SearchResult(id: $0["id"], name: $0["name"], size: $0["size"], replicas: $0["replicas"]) }
    }

    /// All live peers, or those holding `file` when given.
    static func peers(_ db: Database, holding file: String? = nil) throws -> [TrackerAPI.PeerStatus] {
        let filter = file == nil ? "" : "WHERE peer.id IN (SELECT peer FROM holding WHERE file = ?)"
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT peer.id, peer.address, peer.lastSeen, COUNT(holding.file) AS files
                FROM peer LEFT JOIN holding ON holding.peer = peer.id \(filter)
                GROUP BY peer.id ORDER BY peer.id
                """,
            arguments: StatementArguments(file.map { [$0] } ?? []))
        return rows.map {
            TrackerAPI.PeerStatus(id: $0["id"], address: $0["address"], lastSeen: Date(timeIntervalSince1970: $0["lastSeen"]), files: $0["files"])
        }
    }

    /// Ids of the files `peer` holds that fewer than `factor` live peers hold, in id order.
    static func underReplicatedFiles(_ db: Database, heldBy peer: String, below factor: Int) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT mine.file FROM holding AS mine JOIN holding AS every ON every.file = mine.file
                WHERE mine.peer = ? GROUP BY mine.file HAVING COUNT(*) < ? ORDER BY mine.file
                """,
            arguments: [peer, factor])
    }

    /// Ids of the live peers holding `file`, in id order.
    static func holders(_ db: Database, of file: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT peer FROM holding WHERE file = ? ORDER BY peer", arguments: [file])
    }

    /// The manifest of file `id`, or nil.
    static func file(_ db: Database, id: String) throws -> FileManifest? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM file WHERE id = ?", arguments: [id]) else { return nil }
        let pieces = try JSONDecoder().decode([String].self, from: Data((row["pieces"] as String).utf8))
        return FileManifest(name: row["name"], size: row["size"], pieceSize: row["pieceSize"], pieces: pieces, id: row["id"])
    }
}
