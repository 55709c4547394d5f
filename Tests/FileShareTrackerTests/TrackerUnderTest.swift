import FileShareCore
import Foundation
import Hummingbird
import HummingbirdTesting
import LabTestSupport
@testable import FileShareTracker

/// A tracker over a real SQLite file in a temporary directory, served over real HTTP on loopback.
struct TrackerUnderTest: Sendable {
    let directory: TemporaryDirectory
    let clock = TestClock()
    let configuration: TrackerConfiguration

    /// Cheap hashing keeps tests fast; everything else is the production default unless overridden.
    init(peerTTL: TimeInterval = 30, replicas: Int = 2, maxBodyBytes: Int = 64 << 10) throws {
        self.directory = try TemporaryDirectory(prefix: "FileShareTracker")
        self.configuration = TrackerConfiguration(
            sessionTTL: 3_600, peerTTL: peerTTL, replicas: replicas, hasher: PasswordHasher(rounds: 1_000), maxBodyBytes: maxBodyBytes)
    }

    /// Opens the tracker state in the directory (again, after a "restart").
    func open() throws -> Tracker {
        try Tracker(directory: self.directory.path, configuration: self.configuration, now: self.clock.reading)
    }

    /// Serves `tracker` on 127.0.0.1, port 0, for the duration of `body`.
    func serve<T: Sendable>(_ tracker: Tracker, _ body: @Sendable (TrackerClient) async throws -> T) async throws -> T {
        try await TrackerServer.application(tracker: tracker, host: "127.0.0.1", port: 0).test(.live) { client in
            try await body(TrackerClient(client: client))
        }
    }
}

/// JSON calls to the tracker under test.
struct TrackerClient: Sendable {
    let client: any TestClientProtocol

    /// Sends `body` bytes to `uri`, with a bearer token when given.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: [UInt8]? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await self.client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
    }

    /// Sends `value` as JSON.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json value: some Encodable) async throws -> TestResponse {
        try await self.send(method, uri, token: token, body: Array(try JSONBody.encoder.encode(value)))
    }

    /// Logs in and returns the reply, failing the test unless it is 200.
    func login(_ username: String, _ password: String) async throws -> TrackerAPI.LoginResponse {
        let response = try await self.send(.post, "/login", json: TrackerAPI.LoginRequest(username: username, password: password))
        guard response.status == .ok else { throw UnexpectedReply(response: response) }
        return try response.decode(TrackerAPI.LoginResponse.self)
    }

    /// Sends an announce for `peer` holding `files`.
    func index(_ peer: TrackerAPI.Peer, _ files: [FileManifest], token: String) async throws -> TestResponse {
        try await self.send(.post, "/index", token: token, json: TrackerAPI.IndexRequest(peer: peer, files: files))
    }

    /// The heartbeat reply for `peer`, failing unless it is 200.
    func heartbeat(_ peer: String, token: String) async throws -> TrackerAPI.HeartbeatResponse {
        let response = try await self.send(.post, "/heartbeat", token: token, json: TrackerAPI.HeartbeatRequest(peer: peer))
        guard response.status == .ok else { throw UnexpectedReply(response: response) }
        return try response.decode(TrackerAPI.HeartbeatResponse.self)
    }

    /// The search results for `text`, failing unless the reply is 200.
    func search(_ text: String, token: String) async throws -> [TrackerAPI.SearchResult] {
        let response = try await self.send(.get, "/search?q=\(text)", token: token)
        guard response.status == .ok else { throw UnexpectedReply(response: response) }
        return try response.decode([TrackerAPI.SearchResult].self)
    }
}

/// A reply the helper did not expect, with its body for the test log.
struct UnexpectedReply: Error, CustomStringConvertible {
    let response: TestResponse
    var description: String { "HTTP \(self.response.status.code): \(String(decoding: self.response.body.readableBytesView, as: UTF8.self))" }
}

extension TestResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONBody.decoder.decode(T.self, from: Data(self.body.readableBytesView))
    }

    /// The JSON error body (fails to decode when the reply is not one).
    var error: TrackerAPI.ErrorBody {
        get throws { try self.decode(TrackerAPI.ErrorBody.self) }
    }
}

/// A valid manifest of `pieceCount` full 1 KiB pieces, whose piece hashes depend on `seed`.
func sampleManifest(_ name: String, pieceCount: Int = 3, seed: Int = 0) -> FileManifest {
    let pieces = (0..<pieceCount).map { index in
        String(repeating: String(format: "%02x", (seed * 31 + index) % 256), count: 32)
    }
    return FileManifest(name: name, size: Int64(pieceCount * 1_024), pieceSize: 1_024, pieces: pieces)
}
