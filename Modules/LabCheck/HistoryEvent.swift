/// One line of a history: a client (`process`) invoking an operation, or learning how it ended.
///
/// `time` is nanoseconds on an abstract monotonic clock: virtual time in a simulator, wall-clock
/// time in real-process tests. Only its order matters; ties are broken by position in the history.
public struct HistoryEvent: Hashable, Sendable {
    /// What happened to the operation at this point.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The client sent the operation.
        case invoke
        /// The operation took effect and `output` is what it observed.
        case ok
        /// The operation definitely did not take effect.
        case fail
        /// The outcome is unknown (timeout, crash): it may take effect at any time after its
        /// invocation, or never. The process is retired afterwards.
        case info
    }

    /// The client that issued the operation; one operation at a time per process.
    public var process: Int
    public var kind: Kind
    public var operation: KVOperation
    /// The observed result; present exactly on `.ok` events.
    public var output: KVOutput?
    /// Nanoseconds on the history's clock.
    public var time: Int64

    public init(process: Int, kind: Kind, operation: KVOperation, output: KVOutput? = nil, time: Int64) {
        self.process = process
        self.kind = kind
        self.operation = operation
        self.output = output
        self.time = time
    }
}

/// A flat JSON form, one object per event, e.g.
/// `{"process":1,"kind":"ok","time":20,"f":"get","key":"x","read":"1"}`.
extension HistoryEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case process, kind, time, f, key, value, expected, read, swapped
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.process = try c.decode(Int.self, forKey: .process)
        self.kind = try c.decode(Kind.self, forKey: .kind)
        self.time = try c.decode(Int64.self, forKey: .time)
        let key = try c.decode(String.self, forKey: .key)
        let name = try c.decode(String.self, forKey: .f)
        switch name {
        case "get": self.operation = .get(key: key)
        case "put": self.operation = .put(key: key, value: try c.decode(String.self, forKey: .value))
        case "delete": self.operation = .delete(key: key)
        case "append": self.operation = .append(key: key, suffix: try c.decode(String.self, forKey: .value))
        case "cas":
            guard c.contains(.expected) else {
                throw DecodingError.keyNotFound(CodingKeys.expected, .init(
                    codingPath: c.codingPath, debugDescription: "a cas needs \"expected\" (null for absent)"))
            }
            self.operation = .cas(key: key, expected: try c.decodeIfPresent(String.self, forKey: .expected),
                                  new: try c.decode(String.self, forKey: .value))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .f, in: c, debugDescription: "unknown operation \"\(name)\"; expected get, put, delete, append or cas")
        }
        guard self.kind == .ok else {
            self.output = nil
            return
        }
        switch self.operation {
        case .get:
            guard c.contains(.read) else {
                throw DecodingError.keyNotFound(CodingKeys.read, .init(
                    codingPath: c.codingPath, debugDescription: "an ok get needs \"read\" (null for absent)"))
            }
            self.output = .value(try c.decodeIfPresent(String.self, forKey: .read))
        case .cas: self.output = .casResult(try c.decode(Bool.self, forKey: .swapped))
        case .put, .delete, .append: self.output = .ack
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.process, forKey: .process)
        try c.encode(self.kind, forKey: .kind)
        try c.encode(self.time, forKey: .time)
        try c.encode(self.operation.name, forKey: .f)
        try c.encode(self.operation.key, forKey: .key)
        switch self.operation {
        case .get, .delete: break
        case .put(_, let value): try c.encode(value, forKey: .value)
        case .append(_, let suffix): try c.encode(suffix, forKey: .value)
        case .cas(_, let expected, let new):
            try c.encode(expected, forKey: .expected)
            try c.encode(new, forKey: .value)
        }
        switch self.output {
        case .value(let read): try c.encode(read, forKey: .read)
        case .casResult(let swapped): try c.encode(swapped, forKey: .swapped)
        case .ack, nil: break
        }
    }
}
