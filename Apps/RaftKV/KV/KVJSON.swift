import Foundation

/// The JSON settings shared by commands and snapshots, and readable descriptions of decoding errors.
enum KVJSON {
    /// An encoder whose output depends only on the value: sorted keys, no pretty printing.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// What went wrong, naming the field: "missing field \"op.key\"", "field \"client\" …".
    /// `data` tells apart bytes that are not JSON from JSON with a number out of range, which
    /// Foundation reports alike ("not valid JSON", no field named).
    static func describe(_ error: any Error, data: Data) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(self.path(context.codingPath + [key]))\""
        case .valueNotFound(let type, let context):
            return "field \"\(self.path(context.codingPath))\" is null, expected \(type)"
        case .typeMismatch(let type, let context):
            let path = self.path(context.codingPath)
            return path.isEmpty
                ? "expected a JSON object (\(type)) at the top level"
                : "field \"\(path)\" has the wrong type, expected \(type)"
        case .dataCorrupted(let context):
            let path = self.path(context.codingPath)
            let reason = context.underlyingError.map { "\(context.debugDescription) (\($0))" } ?? context.debugDescription
            guard path.isEmpty else { return "field \"\(path)\": \(reason)" }
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                return "a number is out of range for its field (negative, fractional or too large "
                    + "where an unsigned 64-bit integer is expected)"
            }
            return "not valid JSON: \(reason)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            .joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }
}
