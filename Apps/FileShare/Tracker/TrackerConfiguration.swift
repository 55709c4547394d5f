import Foundation

/// The tracker's tunables: token and peer lifetimes, replication factor, login throttling, hashing
/// cost, body limit.
public struct TrackerConfiguration: Sendable {
    /// How long session tokens live.
    public var sessions: SessionRule
    /// When silent peers are dropped.
    public var liveness: PeerLiveness
    /// How many live peers should hold every file (see `ReplicationPlan`).
    public var replicas: Int
    /// Failed-login throttling per username.
    public var throttle: LoginThrottle
    /// Password hashing for new accounts.
    public var hasher: PasswordHasher
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int

    /// Creates a configuration; the defaults are 1 h tokens, a 30 s peer TTL, 2 replicas of every
    /// file and 1 MiB bodies.
    public init(
        sessionTTL: TimeInterval = 3_600,
        peerTTL: TimeInterval = 30,
        replicas: Int = 2,
        throttle: LoginThrottle = LoginThrottle(),
        hasher: PasswordHasher = PasswordHasher(),
        maxBodyBytes: Int = 1 << 20
    ) {
        self.sessions = SessionRule(ttl: sessionTTL)
        self.liveness = PeerLiveness(ttl: peerTTL)
        self.replicas = replicas
        self.throttle = throttle
        self.hasher = hasher
        self.maxBodyBytes = maxBodyBytes
    }
}
