/// One single-key operation on a key-value store, as a client asked for it.
///
/// Keys and values are strings; an absent key reads as `nil`.
public enum KVOperation: Hashable, Sendable, CustomStringConvertible {
    /// Reads the value of `key`; completes with ``KVOutput/value(_:)``.
    case get(key: String)
    /// Sets `key` to `value`; completes with ``KVOutput/ack``.
    case put(key: String, value: String)
    /// Removes `key`; completes with ``KVOutput/ack``.
    case delete(key: String)
    /// Sets `key` to its old value (absent reads as "") followed by `suffix`; completes with ``KVOutput/ack``.
    case append(key: String, suffix: String)
    /// Sets `key` to `new` if its value is `expected` (`nil`: absent); completes with ``KVOutput/casResult(_:)``.
    case cas(key: String, expected: String?, new: String)

    /// The one key this operation touches.
    public var key: String {
        switch self {
        case .get(let key), .put(let key, _), .delete(let key), .append(let key, _), .cas(let key, _, _): key
        }
    }

    /// The operation's name as it appears in JSON Lines: get, put, delete, append or cas.
    public var name: String {
        switch self {
        case .get: "get"
        case .put: "put"
        case .delete: "delete"
        case .append: "append"
        case .cas: "cas"
        }
    }

    /// Whether this operation only reads (so an unknown outcome constrains nothing).
    public var isReadOnly: Bool {
        if case .get = self { return true }
        return false
    }

    /// Whether `output` is the kind of result this operation completes with.
    public func accepts(_ output: KVOutput) -> Bool {
        switch (self, output) {
        case (.get, .value), (.cas, .casResult), (.put, .ack), (.delete, .ack), (.append, .ack): true
        default: false
        }
    }

    /// A short label such as `put(x, "1")` or `cas(x, nil→"2")`.
    public var description: String {
        switch self {
        case .get(let key): "get(\(key))"
        case .put(let key, let value): "put(\(key), \(KVOutput.quote(value)))"
        case .delete(let key): "delete(\(key))"
        case .append(let key, let suffix): "append(\(key), \(KVOutput.quote(suffix)))"
        case .cas(let key, let expected, let new): "cas(\(key), \(KVOutput.quote(expected))→\(KVOutput.quote(new)))"
        }
    }
}

/// What a completed (`.ok`) operation observed.
public enum KVOutput: Hashable, Sendable, CustomStringConvertible {
    /// A write (put, delete, append) was acknowledged.
    case ack
    /// A get read this value (`nil`: the key was absent).
    case value(String?)
    /// A cas reported whether it swapped.
    case casResult(Bool)

    /// A short label such as `"1"`, `nil`, `true` or `ok`.
    public var description: String {
        switch self {
        case .ack: "ok"
        case .value(let value): Self.quote(value)
        case .casResult(let swapped): swapped ? "true" : "false"
        }
    }

    static func quote(_ value: String?) -> String {
        guard let value else { return "nil" }
        return "\"" + value + "\""
    }
}
