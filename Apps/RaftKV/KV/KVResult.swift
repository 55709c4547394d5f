/// The answer to one operation, as returned to the client.
public enum KVResult: Sendable, Hashable, Codable {
    /// The value a `get` found; nil when the key is absent.
    case value(String?)
    /// A `put`, `delete` or `append` took effect.
    case done
    /// The outcome of a `cas`. `current` is the key's value after the operation: `new` when it
    /// succeeded, the value that did not match (nil: absent) when it failed.
    case cas(succeeded: Bool, current: String?)
    /// The entries a `list` found, sorted by key.
    case entries([KVPair])
    /// The operation was refused and changed nothing; the error says why and what to do.
    case rejected(KVError)
}

/// One key and its value, as a `list` returns them and a snapshot stores them.
public struct KVPair: Sendable, Hashable, Codable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public var description: String { "\(self.key.debugDescription)=\(self.value.debugDescription)" }
}
