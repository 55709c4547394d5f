/// Everything that can be wrong with bytes arriving on a DistLab connection.
///
/// Each case carries what a person needs to fix the sender: the size that was seen, the limit
/// that applies, or the field that was wrong. `description` is the message an error reply carries.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A length-prefixed frame announced more bytes than the receiver accepts.
    case frameTooLarge(length: Int, limit: Int)
    /// The connection ended in the middle of a frame.
    case truncatedFrame(expected: Int, received: Int)
    /// A line grew past the limit before its newline arrived; its bytes were discarded.
    case lineTooLong(limit: Int)
    /// A line was not valid UTF-8 JSON.
    case invalidJSON(detail: String)
    /// A JSON document lacked a field the receiver requires.
    case missingField(path: String)
    /// A JSON field had the wrong type (e.g. a number where a string was expected).
    case wrongType(path: String, expected: String)
    /// A JSON field had a value the receiver does not accept.
    case invalidValue(path: String, detail: String)
    /// An outbound message was larger than the limit the peer enforces; it was not sent.
    case outboundTooLarge(length: Int, limit: Int)

    public var description: String {
        switch self {
        case .frameTooLarge(let length, let limit):
            return "frame of \(length) bytes exceeds the limit of \(limit) bytes"
        case .truncatedFrame(let expected, let received):
            return "connection closed mid-frame: expected \(expected) bytes, received \(received)"
        case .lineTooLong(let limit):
            return "line exceeds the limit of \(limit) bytes; it was discarded up to the next newline"
        case .invalidJSON(let detail):
            return "invalid JSON: \(detail)"
        case .missingField(let path):
            return "missing field '\(path)'"
        case .wrongType(let path, let expected):
            return "field '\(path)' must be \(expected)"
        case .invalidValue(let path, let detail):
            return "field '\(path)': \(detail)"
        case .outboundTooLarge(let length, let limit):
            return "outbound message of \(length) bytes exceeds the peer's limit of \(limit) bytes"
        }
    }
}
