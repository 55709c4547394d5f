import FileShareCore
import Foundation
import GRDB
import LabStore

/// The tracker: accounts and sessions, the catalogue of peers and files, and the TTL sweep, over
/// one SQLite file. HTTP-free; `TrackerRoutes` exposes it over REST.
public final class Tracker: Sendable {
    /// The database file inside the data directory.
    public static let databaseName = "tracker.sqlite"

    /// The rules the tracker applies.
    public let configuration: TrackerConfiguration
    private let database: LabDatabase
    private let now: @Sendable () -> Date

    /// Opens (creating if needed) the tracker state in `directory`. `now` is the clock every rule
    /// reads; tests inject one they can move.
    public init(directory: String, configuration: TrackerConfiguration = TrackerConfiguration(), now: @escaping @Sendable () -> Date = Date.init) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.database = try LabDatabase.open(at: directory + "/" + Self.databaseName, migrations: TrackerSchema.migrations)
        self.configuration = configuration
        self.now = now
    }

    /// Logs `request.username` in, creating the account on first login.
    public func login(_ request: TrackerAPI.LoginRequest) async throws -> TrackerAPI.LoginResponse {
        try request.validate()
        let username = request.username
        while true {
            let now = self.now()
            guard let account = try await self.database.read({ try AccountStore.account($0, username: username) }) else {
                let hash = try self.configuration.hasher.hash(request.password)
                if let response = try await self.createAccount(username, hash: hash, at: now) { return response }
                continue  // another login created it meanwhile: verify against that one
            }
            if let lastFailure = account.lastFailure,
               let wait = self.configuration.throttle.retryAfter(failures: account.failures, lastFailure: lastFailure, now: now) {
                throw TrackerError.loginThrottled(username: username, retryAfter: wait)
            }
            guard try PasswordHasher.verify(request.password, against: account.hash) else {
                try await self.database.write { try AccountStore.recordFailure($0, username: username, at: now) }
                throw TrackerError.wrongPassword(username: username)
            }
            return try await self.startSession(for: username, created: false, at: now) { db in
                try AccountStore.clearFailures(db, username: username)
            }
        }
    }

    private func createAccount(_ username: String, hash: PasswordHasher.Hash, at now: Date) async throws -> TrackerAPI.LoginResponse? {
        let created = try await self.database.write { db in
            guard try AccountStore.account(db, username: username) == nil else { return false }
            try AccountStore.create(db, username: username, hash: hash)
            return true
        }
        guard created else { return nil }
        return try await self.startSession(for: username, created: true, at: now) { _ in }
    }

    private func startSession(
        for username: String, created: Bool, at now: Date, also: @escaping @Sendable (Database) throws -> Void
    ) async throws -> TrackerAPI.LoginResponse {
        let token = SessionToken.random()
        let expiresAt = self.configuration.sessions.expiry(issuedAt: now)
        try await self.database.write { db in
            try also(db)
            try AccountStore.createSession(db, token: token, username: username, expiresAt: expiresAt)
        }
        return TrackerAPI.LoginResponse(token: token.text, expiresAt: expiresAt, created: created)
    }

    /// The username of the session in an `Authorization` header value.
    public func authenticate(authorization: String?) async throws -> String {
        try await self.session(authorization: authorization).username
    }

    /// Whose session an `Authorization` header value carries, and until when it is valid.
    public func session(authorization: String?) async throws -> TrackerAPI.SessionInfo {
        try await self.validSession(authorization: authorization).info
    }

    /// Ends the session of an `Authorization` header value.
    public func logout(authorization: String?) async throws {
        let token = try await self.validSession(authorization: authorization).token
        try await self.database.write { try AccountStore.deleteSession($0, token: token) }
    }

    private func validSession(authorization: String?) async throws -> (token: SessionToken, info: TrackerAPI.SessionInfo) {
        guard let authorization, let token = SessionToken(authorization: authorization) else { throw TrackerError.missingToken }
        guard let session = try await self.database.read({ try AccountStore.session($0, token: token) }) else {
            throw TrackerError.unknownToken
        }
        guard self.configuration.sessions.isValid(expiresAt: session.expiresAt, at: self.now()) else {
            throw TrackerError.expiredToken(expiredAt: session.expiresAt)
        }
        return (token, TrackerAPI.SessionInfo(username: session.username, expiresAt: session.expiresAt))
    }

    /// Records that `request.peer` holds exactly `request.files`.
    public func index(_ request: TrackerAPI.IndexRequest) async throws {
        try request.validate()
        let now = self.now()
        try await self.database.write { try CatalogStore.announce($0, peer: request.peer, files: request.files, at: now) }
    }

    /// Marks a registered peer as alive and hands it the copies it should make (see `ReplicationPlan`).
    public func heartbeat(peer: String) async throws -> TrackerAPI.HeartbeatResponse {
        try PeerIdentity.validate(id: peer, field: "peer")
        let now = self.now()
        let factor = self.configuration.replicas
        let tasks = try await self.database.write { db -> [TrackerAPI.ReplicationTask]? in
            guard try CatalogStore.touch(db, peer: peer, at: now) else { return nil }
            return try Self.replicationTasks(db, for: peer, factor: factor)
        }
        guard let tasks else { throw TrackerError.unknownPeer(id: peer) }
        return TrackerAPI.HeartbeatResponse(replicate: tasks)
    }

    /// The copies `peer` should make: one task per file it holds that is short of `factor` live
    /// holders and for which it is the designated copier, leaving out files with no target.
    private static func replicationTasks(_ db: Database, for peer: String, factor: Int) throws -> [TrackerAPI.ReplicationTask] {
        let files = try CatalogStore.underReplicatedFiles(db, heldBy: peer, below: factor)
        guard !files.isEmpty else { return [] }
        let candidates = try CatalogStore.peers(db).map {
            ReplicationPlan.Candidate(peer: TrackerAPI.Peer(id: $0.id, address: $0.address), files: $0.files)
        }
        return try files.compactMap { id in
            let holders = try CatalogStore.holders(db, of: id)
            let targets = ReplicationPlan.targets(holders: holders, candidates: candidates, factor: factor, asking: peer)
            guard !targets.isEmpty, let file = try CatalogStore.file(db, id: id) else { return nil }
            return TrackerAPI.ReplicationTask(file: file, targets: targets)
        }
    }

    /// Removes `peer` and its holdings at once, instead of waiting for its TTL.
    public func leave(peer: String) async throws {
        try PeerIdentity.validate(id: peer, field: "peer")
        guard try await self.database.write({ try CatalogStore.remove($0, peer: peer) }) else {
            throw TrackerError.unknownPeer(id: peer)
        }
    }

    /// Files whose name contains `text`, case-insensitively, with live replica counts.
    public func search(_ text: String) async throws -> [TrackerAPI.SearchResult] {
        try await self.database.read { try CatalogStore.search($0, text: text) }
    }

    /// Every live peer.
    public func peers() async throws -> [TrackerAPI.PeerStatus] {
        try await self.database.read { try CatalogStore.peers($0) }
    }

    /// File `id`'s manifest and the live peers holding it.
    public func peers(ofFile id: String) async throws -> TrackerAPI.FilePeers {
        let found = try await self.database.read { db in
            try CatalogStore.file(db, id: id).map { TrackerAPI.FilePeers(file: $0, peers: try CatalogStore.peers(db, holding: id)) }
        }
        guard let found else { throw TrackerError.unknownFile(id: id) }
        return found
    }

    /// Drops peers silent for the TTL and expired sessions; returns the dropped peer ids.
    @discardableResult
    public func sweep() async throws -> [String] {
        let now = self.now()
        let cutoff = self.configuration.liveness.cutoff(at: now)
        return try await self.database.write { db in
            try AccountStore.deleteExpiredSessions(db, at: now)
            return try CatalogStore.dropPeers(db, seenBefore: cutoff)
        }
    }

    /// Sweeps every `liveness.sweepInterval` until the task is cancelled.
    public func runSweeper() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: self.configuration.liveness.sweepInterval)
            try await self.sweep()
        }
    }
}
