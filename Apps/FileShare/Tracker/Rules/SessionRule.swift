import Foundation

/// When a session issued at one moment stops being valid.
public struct SessionRule: Equatable, Sendable {
    /// How long a token lives after login.
    public var ttl: TimeInterval

    /// Creates the rule; tokens live `ttl` seconds.
    public init(ttl: TimeInterval) {
        self.ttl = ttl
    }

    /// The expiry of a session created at `now`.
    public func expiry(issuedAt now: Date) -> Date { now + self.ttl }

    /// Whether a session expiring at `expiresAt` is still valid at `now` (valid strictly before).
    public func isValid(expiresAt: Date, at now: Date) -> Bool { now < expiresAt }
}
