import Foundation

/// Everything the tracker refuses, with the HTTP status it maps to and a hint for the caller.
public enum TrackerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field of the request body is missing, malformed or out of range; `field` is its path.
    case invalidField(field: String, problem: String)
    /// The body is not the JSON the endpoint expects.
    case malformedJSON(detail: String)
    /// The body is larger than the tracker accepts.
    case bodyTooLarge(limit: Int)
    /// The username exists and the password does not match it.
    case wrongPassword(username: String)
    /// Too many failed logins for this username; try again after `retryAfter` seconds.
    case loginThrottled(username: String, retryAfter: Int)
    /// No `Authorization: Bearer TOKEN` header.
    case missingToken
    /// The token is not one the tracker issued, or it was logged out.
    case unknownToken
    /// The token was valid until `expiredAt`.
    case expiredToken(expiredAt: Date)
    /// A file's `id` is not the one its manifest derives.
    case fileIDMismatch(field: String, expected: String)
    /// A heartbeat or leave for a peer the tracker does not know (never announced, left, or dropped
    /// after its TTL).
    case unknownPeer(id: String)
    /// No file with this id is indexed.
    case unknownFile(id: String)

    /// The HTTP status code of the error response.
    public var statusCode: Int {
        switch self {
        case .invalidField, .malformedJSON, .fileIDMismatch: 400
        case .bodyTooLarge: 413
        case .wrongPassword, .missingToken, .unknownToken, .expiredToken: 401
        case .loginThrottled: 429
        case .unknownPeer, .unknownFile: 404
        }
    }

    public var description: String {
        switch self {
        case .invalidField(let field, let problem): "\(field) \(problem)"
        case .malformedJSON(let detail): "the body is not valid JSON for this endpoint: \(detail)"
        case .bodyTooLarge(let limit): "the body is larger than the limit of \(limit) bytes"
        case .wrongPassword(let username): "wrong password for \(username)"
        case .loginThrottled(let username, let retryAfter): "too many failed logins for \(username); retry after \(retryAfter) s"
        case .missingToken: "this endpoint needs a session token"
        case .unknownToken: "the session token is unknown or was logged out"
        case .expiredToken(let expiredAt): "the session token expired at \(expiredAt.formatted(.iso8601))"
        case .fileIDMismatch(let field, let expected): "\(field) does not match the manifest (expected \(expected))"
        case .unknownPeer(let id): "no live peer with id \(id)"
        case .unknownFile(let id): "no indexed file with id \(id)"
        }
    }

    /// What the caller can do about it.
    public var hint: String {
        switch self {
        case .invalidField: "fix the named field and send the request again"
        case .malformedJSON: "send a JSON object with Content-Type: application/json; see labs/p2p/README.md for the shapes"
        case .bodyTooLarge: "announce fewer files per POST /index, or use a larger piece size"
        case .wrongPassword: "check the password; accounts are created on first login, so a typo in the username creates a new one"
        case .loginThrottled: "wait retryAfter seconds; each further failure doubles the wait"
        case .missingToken: "POST /login first, then send Authorization: Bearer TOKEN"
        case .unknownToken, .expiredToken: "POST /login again to get a new token"
        case .fileIDMismatch: "the id is sha256 hex of \"name\\nsize\\npieceSize\\npiece0\\npiece1...\" (FileManifest.derivedID)"
        case .unknownPeer: "POST /index to (re-)announce the peer, then heartbeat more often than the peer TTL"
        case .unknownFile: "GET /search?q=NAME lists the indexed ids"
        }
    }

    /// Seconds to wait before retrying, for throttled logins.
    public var retryAfter: Int? {
        if case .loginThrottled(_, let retryAfter) = self { retryAfter } else { nil }
    }
}
