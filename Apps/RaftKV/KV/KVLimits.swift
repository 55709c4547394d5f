/// Size limits the store enforces, so that one client cannot blow up every replica's memory and
/// snapshots. All replicas of a cluster must use the same limits, or they diverge.
public struct KVLimits: Sendable, Hashable, Codable {
    /// The longest key (and list prefix), in UTF-8 bytes.
    public var maxKeyBytes: Int
    /// The longest value, in UTF-8 bytes, including a value grown by `append`.
    public var maxValueBytes: Int
    /// The most client sessions remembered; beyond it the least recently applied one is evicted.
    public var maxSessions: Int

    public init(maxKeyBytes: Int = 1024, maxValueBytes: Int = 64 * 1024, maxSessions: Int = 10_000) {
        self.maxKeyBytes = maxKeyBytes
        self.maxValueBytes = maxValueBytes
        self.maxSessions = maxSessions
    }

    /// Refuses an operation whose input breaks a limit, so a front end can reject it before it
    /// reaches the log. (An `append` that would grow a value too large is only caught when applied.)
    public func validate(_ op: KVOperation) throws(KVError) {
        switch op {
        case .get(let key), .delete(let key):
            try self.validate(key: key)
        case .put(let key, let value):
            try self.validate(key: key)
            try self.validate(value: value)
        case .append(let key, let suffix):
            try self.validate(key: key)
            try self.validate(value: suffix)
        case .cas(let key, let expected, let new):
            try self.validate(key: key)
            if let expected { try self.validate(value: expected) }
            try self.validate(value: new)
        case .list(let prefix, let limit):
            let size = prefix.utf8.count
            guard size <= self.maxKeyBytes else { throw .keyTooLarge(size: size, limit: self.maxKeyBytes) }
            guard limit >= 0 else { throw .invalidLimit(limit) }
        }
    }

    private func validate(key: String) throws(KVError) {
        guard !key.isEmpty else { throw .emptyKey }
        let size = key.utf8.count
        guard size <= self.maxKeyBytes else { throw .keyTooLarge(size: size, limit: self.maxKeyBytes) }
    }

    func validate(value: String) throws(KVError) {
        let size = value.utf8.count
        guard size <= self.maxValueBytes else { throw .valueTooLarge(size: size, limit: self.maxValueBytes) }
    }
}
