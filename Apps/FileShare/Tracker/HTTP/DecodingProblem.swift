import FileShareCore
/// Turns a `DecodingError` into a `TrackerError` that names the field, e.g. `files[2].size`.
enum DecodingProblem {
    static func trackerError(for error: DecodingError) -> TrackerError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidField(field: path(context.codingPath + [key]), problem: "is missing")
        case .valueNotFound(let type, let context):
            return .invalidField(field: path(context.codingPath), problem: "is null, expected \(name(of: type))")
        case .typeMismatch(let type, let context):
            return .invalidField(field: path(context.codingPath), problem: "is not \(name(of: type))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .invalidField(field: path(context.codingPath), problem: "is malformed: \(context.debugDescription)")
        case .dataCorrupted(let context):
            return .malformedJSON(detail: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        @unknown default:
            return .malformedJSON(detail: "\(error)")
        }
    }

    /// `files[2].pieces[0]` from a coding path.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "body" : text
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is [Any].Type: "an array"
        default: "a \(type)"
        }
    }
}
