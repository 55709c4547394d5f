import Foundation
import GRDB

/// Reads and writes of accounts, login failures and sessions, inside a caller's transaction.
enum AccountStore {
    /// One account row.
    struct Account {
        var hash: PasswordHasher.Hash
        var failures: Int
        var lastFailure: Date?
    }

    static func account(_ db: Database, username: String) throws -> Account? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE username = ?", arguments: [username]) else {
            return nil
        }
        let hash = PasswordHasher.Hash(salt: Array(row["salt"] as Data), rounds: row["rounds"], key: Array(row["key"] as Data))
        let lastFailure: Double? = row["lastFailure"]
        return Account(hash: hash, failures: row["failures"], lastFailure: lastFailure.map(Date.init(timeIntervalSince1970:)))
    }

    static func create(_ db: Database, username: String, hash: PasswordHasher.Hash) throws {
        try db.execute(
            sql: "INSERT INTO account (username, salt, rounds, key) VALUES (?, ?, ?, ?)",
            arguments: [username, Data(hash.salt), hash.rounds, Data(hash.key)])
    }

    static func recordFailure(_ db: Database, username: String, at now: Date) throws {
        try db.execute(
            sql: "UPDATE account SET failures = failures + 1, lastFailure = ? WHERE username = ?",
            arguments: [now.timeIntervalSince1970, username])
    }

    static func clearFailures(_ db: Database, username: String) throws {
        try db.execute(sql: "UPDATE account SET failures = 0, lastFailure = NULL WHERE username = ?", arguments: [username])
    }

    static func createSession(_ db: Database, token: SessionToken, username: String, expiresAt: Date) throws {
        try db.execute(
            sql: "INSERT INTO session (digest, username, expiresAt) VALUES (?, ?, ?)",
            arguments: [token.digest, username, expiresAt.timeIntervalSince1970])
    }

    /// The session's user and expiry, or nil when the token is unknown.
    static func session(_ db: Database, token: SessionToken) throws -> (username: String, expiresAt: Date)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT username, expiresAt FROM session WHERE digest = ?", arguments: [token.digest]) else {
            return nil
        }
        return (row["username"], Date(timeIntervalSince1970: row["expiresAt"]))
    }

    static func deleteSession(_ db: Database, token: SessionToken) throws {
        try db.execute(sql: "DELETE FROM session WHERE digest = ?", arguments: [token.digest])
    }

    /// Removes sessions expired at `now`.
    static func deleteExpiredSessions(_ db: Database, at now: Date) throws {
        try db.execute(sql: "DELETE FROM session WHERE expiresAt <= ?", arguments: [now.timeIntervalSince1970])
    }
}
