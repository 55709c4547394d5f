import Foundation
import NIOCore

/// Turns JSON documents into newline-terminated lines and back, with errors that name the field.
///
/// Decoding failures become `WireError` values whose descriptions are fit for an error reply:
/// "invalid JSON: …", "missing field 'op'", "field 'data' must be a string".
public enum JSONLineCoding {
    /// Decodes one line (without its newline) as a `Value`.
    public static func decode<Value: Decodable>(_ type: Value.Type, from line: ByteBuffer) throws(WireError) -> Value {
        let data = Data(line.readableBytesView)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .invalidJSON = WireError(error) { throw .invalidJSON(detail: self.syntaxProblem(in: data)) }
            throw WireError(error)
        } catch {
            throw WireError.invalidJSON(detail: String(describing: error))
        }
    }

    /// Where the JSON syntax breaks, e.g. "Invalid value around character 8." (JSONDecoder only
    /// says that the data is not valid JSON; JSONSerialization says where).
    private static func syntaxProblem(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        return data.isEmpty ? "the line is empty" : "the data is not valid JSON"
    }

    /// Encodes `value` as compact JSON followed by a newline, refusing output over `maximumLength`.
    public static func encode<Value: Encodable>(
        _ value: Value,
        maximumLength: Int = WireLimits.defaultMaximumMessageSize,
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        guard data.count <= maximumLength else {
            throw WireError.outboundTooLarge(length: data.count, limit: maximumLength)
        }
        var buffer = allocator.buffer(capacity: data.count + 1)
        buffer.writeBytes(data)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }
}

extension WireError {
    /// Translates Foundation's decoding error into the field-naming vocabulary of this module.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self = .missingField(path: Self.path(context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            self = .wrongType(path: Self.path(context.codingPath), expected: Self.describe(type))
        case .valueNotFound(let type, let context):
            self = .wrongType(path: Self.path(context.codingPath), expected: "\(Self.describe(type)), not null")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            self = .invalidJSON(detail: context.debugDescription)
        case .dataCorrupted(let context):
            self = .invalidValue(path: Self.path(context.codingPath), detail: context.debugDescription)
        @unknown default:
            self = .invalidJSON(detail: String(describing: error))
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "(document)" : path
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type, is UInt32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("[") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a \(name)"
        }
    }
}
