import Foundation

/// The JSON bodies of the tracker's REST API (see labs/p2p/README.md for examples).
public enum TrackerAPI {
    /// `POST /login` body.
    public struct LoginRequest: Codable, Sendable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        /// Checks both fields.
        public func validate() throws(TrackerError) {
            if let problem = NameRule.problem(with: self.username) {
                throw .invalidField(field: "username", problem: problem)
            }
            guard !self.password.isEmpty else { throw .invalidField(field: "password", problem: "is empty") }
            guard self.password.utf8.count <= 1_024 else { throw .invalidField(field: "password", problem: "is longer than 1024 bytes") }
        }
    }

    /// `POST /login` reply.
    public struct LoginResponse: Codable, Sendable {
        public var token: String
        public var expiresAt: Date
        /// True when this login created the account.
        public var created: Bool

        public init(token: String, expiresAt: Date, created: Bool) {
            self.token = token
            self.expiresAt = expiresAt
            self.created = created
        }
    }

    /// A peer: its id and the `HOST:PORT` of its gRPC service.
    public struct Peer: Codable, Equatable, Sendable {
        public var id: String
        public var address: String

        public init(id: String, address: String) {
            self.id = id
            self.address = address
        }
    }

    /// `POST /index` body: a peer and every file it holds (replaces what it announced before).
    public struct IndexRequest: Codable, Sendable {
        public var peer: Peer
        public var files: [FileManifest]

        public init(peer: Peer, files: [FileManifest]) {
            self.peer = peer
            self.files = files
        }

        /// The most files one announce may carry.
        public static let maxFiles = 10_000

        /// Checks every field, naming the first bad one (e.g. `files[2].pieces[0]`).
        public func validate() throws(TrackerError) {
            try PeerIdentity.validate(id: self.peer.id, field: "peer.id")
            try PeerIdentity.validate(address: self.peer.address, field: "peer.address")
            guard self.files.count <= Self.maxFiles else {
                throw .invalidField(field: "files", problem: "has more than \(Self.maxFiles) entries")
            }
            for (index, file) in self.files.enumerated() { try file.validate(at: "files[\(index)]") }
        }
    }

    /// `POST /heartbeat` body.
    public struct HeartbeatRequest: Codable, Sendable {
        public var peer: String

        public init(peer: String) {
            self.peer = peer
        }
    }

    /// `POST /heartbeat` reply: the work the tracker hands this peer.
    public struct HeartbeatResponse: Codable, Equatable, Sendable {
        public var ok = true
        /// Files this peer holds that have fewer live holders than the replication factor, and for
        /// which this peer is the designated copier (the live holder with the smallest id): copy
        /// each one to its `targets` (live peers that do not hold it, least loaded first).
        public var replicate: [ReplicationTask]

        public init(replicate: [ReplicationTask] = []) {
            self.replicate = replicate
        }
    }

    /// One under-replicated file and the peers that should receive a copy.
    public struct ReplicationTask: Codable, Equatable, Sendable {
        public var file: FileManifest
        public var targets: [Peer]

        public init(file: FileManifest, targets: [Peer]) {
            self.file = file
            self.targets = targets
        }
    }

    /// `POST /leave` body: a peer that goes away on purpose (after making sure of its replicas).
    public struct LeaveRequest: Codable, Sendable {
        public var peer: String

        public init(peer: String) {
            self.peer = peer
        }
    }

    /// `GET /session` reply: whose token this is, so a peer can check an upload's token.
    public struct SessionInfo: Codable, Equatable, Sendable {
        public var username: String
        public var expiresAt: Date

        public init(username: String, expiresAt: Date) {
            self.username = username
            self.expiresAt = expiresAt
        }
    }

    /// A peer as `GET /peers` and `GET /files/{id}/peers` list it.
    public struct PeerStatus: Codable, Equatable, Sendable {
        public var id: String
        public var address: String
        public var lastSeen: Date
        public var files: Int

        public init(id: String, address: String, lastSeen: Date, files: Int) {
            self.id = id
            self.address = address
            self.lastSeen = lastSeen
            self.files = files
        }
    }

    /// One `GET /search` result.
    public struct SearchResult: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var size: Int64
        /// Live peers holding the file.
        public var replicas: Int

        public init(id: String, name: String, size: Int64, replicas: Int) {
            self.id = id
            self.name = name
            self.size = size
            self.replicas = replicas
        }
    }

    /// `GET /files/{id}/peers` reply: the manifest and who holds it.
    public struct FilePeers: Codable, Equatable, Sendable {
        public var file: FileManifest
        public var peers: [PeerStatus]

        public init(file: FileManifest, peers: [PeerStatus]) {
            self.file = file
            self.peers = peers
        }
    }

    /// Replies that only acknowledge.
    public struct Done: Codable, Sendable {
        public var ok = true

        public init() {}
    }

    /// Every error reply.
    public struct ErrorBody: Codable, Sendable {
        public var error: String
        public var hint: String
        public var retryAfter: Int?

        public init(error: String, hint: String, retryAfter: Int? = nil) {
            self.error = error
            self.hint = hint
            self.retryAfter = retryAfter
        }
    }
}
