import Foundation

/// What a Raft log entry carries for the key-value store: an operation plus the client session
/// that makes retries exactly-once.
///
/// A client numbers its commands 1, 2, 3, … and sends one at a time, retrying a command with the
/// same `sequence` until it gets an answer. See ``KVStateMachine/apply(_:at:)`` for the rule.
public struct KVCommand: Sendable, Hashable, Codable {
    /// The client's id, unique among live clients.
    public var client: UInt64
    /// The command's number within the client's session, starting at 1.
    public var sequence: UInt64
    public var operation: KVOperation

    public init(client: UInt64, sequence: UInt64, operation: KVOperation) {
        self.client = client
        self.sequence = sequence
        self.operation = operation
    }
}
