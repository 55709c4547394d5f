import AsyncHTTPClient
import FileShareCore
import Foundation
import NIOCore
import NIOHTTP1

/// JSON calls to the tracker's REST API (see labs/p2p/README.md), over AsyncHTTPClient.
public struct TrackerConnection: Sendable {
    /// The tracker's base URL, e.g. `http://127.0.0.1:7000`.
    public let baseURL: String
    /// How long one call may take.
    public var timeout: TimeAmount = .seconds(10)

    /// A connection to the tracker at `baseURL` (a bare `HOST:PORT` gets `http://`).
    public init(baseURL: String) {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.baseURL = trimmed.contains("://") ? trimmed : "http://" + trimmed
    }

    public func login(username: String, password: String) async throws -> TrackerAPI.LoginResponse {
        try await self.call(.POST, "/login", body: TrackerAPI.LoginRequest(username: username, password: password))
    }

    public func logout(token: String) async throws {
        let _: TrackerAPI.Done = try await self.call(.POST, "/logout", token: token)
    }

    public func session(token: String) async throws -> TrackerAPI.SessionInfo {
        try await self.call(.GET, "/session", token: token)
    }

    public func index(_ peer: TrackerAPI.Peer, files: [FileManifest], token: String) async throws {
        let _: TrackerAPI.Done = try await self.call(.POST, "/index", token: token, body: TrackerAPI.IndexRequest(peer: peer, files: files))
    }

    public func heartbeat(peer: String, token: String) async throws -> TrackerAPI.HeartbeatResponse {
        try await self.call(.POST, "/heartbeat", token: token, body: TrackerAPI.HeartbeatRequest(peer: peer))
    }

    public func leave(peer: String, token: String) async throws {
        let _: TrackerAPI.Done = try await self.call(.POST, "/leave", token: token, body: TrackerAPI.LeaveRequest(peer: peer))
    }

    public func search(_ text: String, token: String) async throws -> [TrackerAPI.SearchResult] {
        let query = text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+=#"))) ?? ""
        return try await self.call(.GET, "/search?q=\(query)", token: token)
    }

    public func holders(of fileID: String, token: String) async throws -> TrackerAPI.FilePeers {
        try await self.call(.GET, "/files/\(fileID)/peers", token: token)
    }

    public func peers(token: String) async throws -> [TrackerAPI.PeerStatus] {
        try await self.call(.GET, "/peers", token: token)
    }

    private func call<Reply: Decodable>(_ method: HTTPMethod, _ path: String, token: String? = nil) async throws -> Reply {
        try await self.call(method, path, token: token, body: Optional<TrackerAPI.Done>.none)
    }

    private func call<Reply: Decodable>(_ method: HTTPMethod, _ path: String, token: String? = nil, body: (some Encodable)?) async throws -> Reply {
        var request = HTTPClientRequest(url: self.baseURL + path)
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(ByteBuffer(bytes: try TrackerAPI.encoder.encode(body))) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: self.timeout)
        } catch {
            throw TrackerCallError.unreachable(url: self.baseURL, reason: "\(error)")
        }
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            let problem = try? TrackerAPI.decoder.decode(TrackerAPI.ErrorBody.self, from: data)
            throw TrackerCallError.refused(
                status: Int(response.status.code), path: path,
                error: problem?.error ?? String(decoding: data.prefix(200), as: UTF8.self), hint: problem?.hint)
        }
        return try TrackerAPI.decoder.decode(Reply.self, from: data)
    }
}

/// A tracker call that did not succeed.
public enum TrackerCallError: Error, CustomStringConvertible {
    /// No HTTP reply at all.
    case unreachable(url: String, reason: String)
    /// An error reply.
    case refused(status: Int, path: String, error: String, hint: String?)

    /// Whether logging in again could fix it (401).
    public var needsLogin: Bool {
        if case .refused(401, _, _, _) = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            "cannot reach the tracker at \(url): \(reason) (is `p2p tracker` running there? --tracker sets the address)"
        case .refused(let status, let path, let error, let hint):
            "the tracker refused \(path) (\(status)): \(error)" + (hint.map { " — \($0)" } ?? "")
        }
    }
}
