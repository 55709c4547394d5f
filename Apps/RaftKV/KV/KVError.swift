/// Why the key-value store refused an operation, a command or a snapshot.
public enum KVError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A key (or a list prefix) is longer than ``KVLimits/maxKeyBytes`` in UTF-8.
    case keyTooLarge(size: Int, limit: Int)
    /// A value (for `append`: the value it would grow to) is longer than ``KVLimits/maxValueBytes``.
    case valueTooLarge(size: Int, limit: Int)
    /// An operation named the empty key.
    case emptyKey
    /// A `list` asked for a negative number of entries.
    case invalidLimit(Int)
    /// Bytes that should hold a ``KVCommand`` do not; the text names the problem.
    case malformedCommand(String)
    /// Bytes that should hold a ``KVStateMachine`` snapshot do not; the text names the problem.
    case malformedSnapshot(String)
    /// The client has no session (it was never opened, or was evicted) but sent a sequence above 1,
    /// so the store cannot tell whether the command was applied already.
    case sessionExpired(client: UInt64)
    /// The client sent a sequence older than the last one applied for it; that answer is gone.
    case staleSequence(client: UInt64, sequence: UInt64, latest: UInt64)
    /// ``KVStateMachine/read(_:)`` was given a write.
    case notARead(operation: String)
    /// ``KVStateMachine/apply(_:at:)`` was given an index at or below the applied index.
    case indexAlreadyApplied(index: UInt64, appliedIndex: UInt64)

    public var description: String {
        switch self {
        case .keyTooLarge(let size, let limit):
            return "key is \(size) bytes, more than the limit of \(limit) bytes (UTF-8); use a shorter key"
        case .valueTooLarge(let size, let limit):
            return "value would be \(size) bytes, more than the limit of \(limit) bytes (UTF-8); "
                + "store smaller values or split them across keys"
        case .emptyKey:
            return "the key is empty; every key needs at least one character"
        case .invalidLimit(let limit):
            return "list limit is \(limit); ask for 0 or more entries"
        case .malformedCommand(let problem):
            return "malformed command: \(problem); encode commands with KVCommand.encoded()"
        case .malformedSnapshot(let problem):
            return "malformed snapshot: \(problem); take snapshots with KVStateMachine.snapshot()"
        case .sessionExpired(let client):
            return "client \(client) has no session (never opened or evicted for being idle), so a retry "
                + "cannot be told from a new command; start again as a new client id with sequence 1"
        case .staleSequence(let client, let sequence, let latest):
            return "client \(client) sent sequence \(sequence), but \(latest) was already applied and only "
                + "its answer is kept; send one command at a time, each with the next sequence"
        case .notARead(let operation):
            return "\(operation) is a write; submit it through the Raft log (apply), read serves only get and list"
        case .indexAlreadyApplied(let index, let appliedIndex):
            return "log index \(index) is not above the applied index \(appliedIndex); "
                + "apply each committed entry once, in log order"
        }
    }
}
