/// One operation on the key-value store.
///
/// Reads (`get`, `list`) may be served locally after a ReadIndex round (see
/// ``KVStateMachine/read(_:)``) or go through the log like writes; writes always go through the log
/// inside a ``KVCommand``.
public enum KVOperation: Sendable, Hashable, Codable {
    /// The value of `key`, or nil when absent.
    case get(key: String)
    /// Sets `key` to `value`.
    case put(key: String, value: String)
    /// Removes `key`; deleting an absent key succeeds.
    case delete(key: String)
    /// Appends `suffix` to the value of `key`; an absent key counts as "".
    case append(key: String, suffix: String)
    /// Sets `key` to `new` if its value is `expected` (nil: only if the key is absent).
    case cas(key: String, expected: String?, new: String)
    /// The keys starting with `prefix`, in sorted order with their values, at most `limit` of them.
    case list(prefix: String, limit: Int)

    /// True for operations that do not change the store (`get` and `list`).
    public var isRead: Bool {
        switch self {
        case .get, .list: return true
        case .put, .delete, .append, .cas: return false
        }
    }

    /// The one key the operation touches; nil for `list`.
    public var key: String? {
        switch self {
        case .get(let key), .put(let key, _), .delete(let key), .append(let key, _), .cas(let key, _, _):
            return key
        case .list:
            return nil
        }
    }

    /// The operation's name as it appears on the wire and in messages ("get", "put", …).
    public var name: String {
        switch self {
        case .get: return "get"
        case .put: return "put"
        case .delete: return "delete"
        case .append: return "append"
        case .cas: return "cas"
        case .list: return "list"
        }
    }
}
