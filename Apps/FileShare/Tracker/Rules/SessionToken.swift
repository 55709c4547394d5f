import FileShareCore
import Foundation

/// A session token: 32 random bytes as hex, handed to the client once.
///
/// The tracker stores only `digest` (SHA-256 of the token), so a copy of the database does not
/// contain usable tokens.
public struct SessionToken: Equatable, Sendable {
    /// The token text the client sends as `Authorization: Bearer TOKEN`.
    public var text: String

    /// Wraps a token received from a client.
    public init(text: String) {
        self.text = text
    }

    /// A fresh random token.
    public static func random() -> SessionToken {
        var generator = SystemRandomNumberGenerator()
        return SessionToken(text: Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// The stored form: lowercase hex SHA-256 of the text.
    public var digest: String { Hex.sha256(of: Data(self.text.utf8)) }

    /// The token in an `Authorization` header value, or nil when it is not `Bearer TOKEN`.
    public init?(authorization: String) {
        let parts = authorization.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        self.text = String(parts[1])
    }
}
