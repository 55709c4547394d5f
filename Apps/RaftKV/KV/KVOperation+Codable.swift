/// The wire form of an operation: a flat object named by `op`, e.g.
/// `{"key":"a","op":"put","value":"1"}`. A `cas` whose `expected` is nil omits the field.
extension KVOperation {
    private enum CodingKeys: String, CodingKey {
        case op, key, value, suffix, expected, new, prefix, limit
    }

    static let names = ["get", "put", "delete", "append", "cas", "list"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .op)
        switch name {
        case "get":
            self = .get(key: try container.decode(String.self, forKey: .key))
        case "put":
            self = .put(key: try container.decode(String.self, forKey: .key),
                        value: try container.decode(String.self, forKey: .value))
        case "delete":
            self = .delete(key: try container.decode(String.self, forKey: .key))
        case "append":
            self = .append(key: try container.decode(String.self, forKey: .key),
                           suffix: try container.decode(String.self, forKey: .suffix))
        case "cas":
            self = .cas(key: try container.decode(String.self, forKey: .key),
                        expected: try container.decodeIfPresent(String.self, forKey: .expected),
                        new: try container.decode(String.self, forKey: .new))
        case "list":
            self = .list(prefix: try container.decode(String.self, forKey: .prefix),
                         limit: try container.decode(Int.self, forKey: .limit))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: container,
                debugDescription: "unknown operation \"\(name)\"; expected one of \(Self.names.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.name, forKey: .op)
        switch self {
        case .get(let key), .delete(let key):
            try container.encode(key, forKey: .key)
        case .put(let key, let value):
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
        case .append(let key, let suffix):
            try container.encode(key, forKey: .key)
            try container.encode(suffix, forKey: .suffix)
        case .cas(let key, let expected, let new):
            try container.encode(key, forKey: .key)
            try container.encodeIfPresent(expected, forKey: .expected)
            try container.encode(new, forKey: .new)
        case .list(let prefix, let limit):
            try container.encode(prefix, forKey: .prefix)
            try container.encode(limit, forKey: .limit)
        }
    }
}
