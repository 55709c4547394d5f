import Foundation

/// When a peer that stopped heartbeating is considered gone.
public struct PeerLiveness: Equatable, Sendable {
    /// Seconds after its last heartbeat (or announce) that a peer is dropped.
    public var ttl: TimeInterval

    /// Creates the rule; peers silent for `ttl` seconds are dropped.
    public init(ttl: TimeInterval) {
        self.ttl = ttl
    }

    /// Whether a peer last seen at `lastSeen` is gone at `now`.
    public func isExpired(lastSeen: Date, at now: Date) -> Bool { now.timeIntervalSince(lastSeen) >= self.ttl }

    /// The oldest `lastSeen` still alive at `now`: peers seen before it are dropped.
    public func cutoff(at now: Date) -> Date { now - self.ttl }

    /// How often the sweeper looks for silent peers: a third of the TTL, at least every 50 ms.
    public var sweepInterval: Duration { .milliseconds(max(50, Int64(self.ttl * 1000 / 3))) }
}
