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

    /// A peer as `GET /peers` and `GET /files/{id}/peers` list it.
    public struct PeerStatus: Codable, Equatable, Sendable {
        public var id: String
        public var address: String
        public var lastSeen: Date
        public var files: Int
    }

    /// One `GET /search` result.
    public struct SearchResult: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var size: Int64
        /// Live peers holding the file.
        public var replicas: Int
    }

    /// `GET /files/{id}/peers` reply: the manifest and who holds it.
    public struct FilePeers: Codable, Equatable, Sendable {
        public var file: FileManifest
        public var peers: [PeerStatus]
    }

    /// Replies that only acknowledge.
    public struct Done: Codable, Sendable {
        public var ok = true
    }

    /// Every error reply.
    public struct ErrorBody: Codable, Sendable {
        public var error: String
        public var hint: String
        public var retryAfter: Int?
    }
}
