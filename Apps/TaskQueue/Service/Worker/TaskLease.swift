import Foundation

/// A task leased to a worker: what to run, and the token that proves the lease when the worker
/// extends it or reports the outcome.
public struct TaskLease: Sendable, Equatable {
    /// The task's id.
    public var id: String
    /// The operation's name in the `OperationRegistry`.
    public var op: String
    /// The operation's input.
    public var data: String
    /// Proves this lease; a token from an expired, re-leased lease is refused.
    public var token: String
    /// Which attempt this is (1 for the first lease).
    public var attempt: Int
    /// When the lease expires unless it is extended.
    public var expiresAt: Date
    /// How long a lease (or an extension) lasts; workers extend every third of it.
    public var visibilityTimeout: Duration

    /// Describes a lease as the queue granted it.
    public init(id: String, op: String, data: String, token: String, attempt: Int, expiresAt: Date, visibilityTimeout: Duration) {
        self.id = id
        self.op = op
        self.data = data
        self.token = token
        self.attempt = attempt
        self.expiresAt = expiresAt
        self.visibilityTimeout = visibilityTimeout
    }
}
