/// What the store remembers about one client: its last applied command and that command's answer.
public struct KVSession: Sendable, Hashable, Codable {
    /// The highest sequence applied for the client.
    public var sequence: UInt64
    /// The answer to that command, returned again when it is retried.
    public var result: KVResult
    /// The log index at which that command was applied; the least recent session is evicted first.
    public var lastIndex: UInt64

    public init(sequence: UInt64, result: KVResult, lastIndex: UInt64) {
        self.sequence = sequence
        self.result = result
        self.lastIndex = lastIndex
    }
}
