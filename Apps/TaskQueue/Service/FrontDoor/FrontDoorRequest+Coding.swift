import TaskQueueCore

/// The JSON form of a request. Decoding names the field at fault in every error: unknown fields,
/// fields a request does not take, unknown commands, a bad `mode` or an over-long `key` are all
/// refused, so that a typo (`"mdoe":"async"`) never silently changes what runs.
extension FrontDoorRequest: Codable {
    /// The longest idempotency key accepted, in characters.
    public static let maximumKeyLength = 200

    private enum Field: String, CodingKey {
        case cmd, op, data, mode, key, id
    }

    /// The commands of `{"cmd":…}` requests and the fields each takes.
    private enum Command: String, CaseIterable {
        case status, result, stats, dead, requeue

        var takesID: Bool { self == .status || self == .result || self == .requeue }
        static let names = allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Decodes a request, refusing anything it would have to ignore.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: Field.self)
        let present = try decoder.container(keyedBy: AnyField.self).allKeys.map(\.stringValue)
        guard let name = try fields.decodeIfPresent(String.self, forKey: .cmd) else {
            try Self.refuseFields(present, allowed: [.op, .data, .mode, .key], for: "a task submission")
            self = .submit(try Self.decodeSubmission(fields), mode: try Self.decodeMode(fields))
            return
        }
        guard let command = Command(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .cmd, in: fields, debugDescription: "unknown command '\(name)'; known commands: \(Command.names)")
        }
        try Self.refuseFields(present, allowed: command.takesID ? [.cmd, .id] : [.cmd], for: "the \(name) command")
        switch command {
        case .status: self = .status(id: try fields.decode(String.self, forKey: .id))
        case .result: self = .result(id: try fields.decode(String.self, forKey: .id))
        case .requeue: self = .requeue(id: try fields.decode(String.self, forKey: .id))
        case .stats: self = .stats
        case .dead: self = .dead
        }
    }

    /// Encodes the request as a client sends it.
    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: Field.self)
        switch self {
        case .submit(let submission, let mode):
            try fields.encode(submission.op, forKey: .op)
            try fields.encode(submission.data, forKey: .data)
            try fields.encode(mode.rawValue, forKey: .mode)
            try fields.encodeIfPresent(submission.key, forKey: .key)
        case .status(let id): try Self.encode(.status, id: id, into: &fields)
        case .result(let id): try Self.encode(.result, id: id, into: &fields)
        case .requeue(let id): try Self.encode(.requeue, id: id, into: &fields)
        case .stats: try Self.encode(.stats, id: nil, into: &fields)
        case .dead: try Self.encode(.dead, id: nil, into: &fields)
        }
    }

    /// `op` (default `echo`, as in the seed), `data` (required) and `key` (optional, bounded).
    private static func decodeSubmission(_ fields: KeyedDecodingContainer<Field>) throws -> TaskSubmission {
        let op = try fields.decodeIfPresent(String.self, forKey: .op) ?? EchoOperation.name
        let data = try fields.decode(String.self, forKey: .data)
        let key = try fields.decodeIfPresent(String.self, forKey: .key)
        if let key, key.isEmpty || key.count > Self.maximumKeyLength {
            throw DecodingError.dataCorruptedError(
                forKey: .key, in: fields,
                debugDescription: "must be 1 to \(Self.maximumKeyLength) characters, got \(key.count)")
        }
        return TaskSubmission(op: op, data: data, key: key)
    }

    private static func decodeMode(_ fields: KeyedDecodingContainer<Field>) throws -> SubmitMode {
        guard let name = try fields.decodeIfPresent(String.self, forKey: .mode) else { return .sync }
        guard let mode = SubmitMode(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .mode, in: fields, debugDescription: "must be \"sync\" or \"async\", got \"\(name)\"")
        }
        return mode
    }

    private static func refuseFields(_ present: [String], allowed: [Field], for request: String) throws {
        let allowedNames = allowed.map(\.rawValue)
        guard let unknown = present.sorted().first(where: { !allowedNames.contains($0) }) else { return }
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: [AnyField(stringValue: unknown)],
            debugDescription: "not a field of \(request), which takes \(allowedNames.joined(separator: ", "))"))
    }

    private static func encode(_ command: Command, id: String?, into fields: inout KeyedEncodingContainer<Field>) throws {
        try fields.encode(command.rawValue, forKey: .cmd)
        try fields.encodeIfPresent(id, forKey: .id)
    }
}

/// Any key of a JSON object, to find the fields a request does not know.
private struct AnyField: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
