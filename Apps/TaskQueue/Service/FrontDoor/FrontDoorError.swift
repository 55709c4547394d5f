import LabWire
import TaskQueueCore

/// Why the front door answered a request with `{"status":"error"}`. `description` is the reply's
/// `message`, and names the problem (and the field, when one is at fault).
public enum FrontDoorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is not UTF-8 text (binary data), so it cannot be JSON.
    case notText(byteCount: Int)
    /// The line is JSON but not an object (an array, a string, a number…).
    case notAnObject
    /// The line was too long, is not JSON, or has a missing, mistyped or unknown field.
    case malformed(WireError)
    /// The submission names an operation the workers do not have.
    case unknownOperation(String, known: [String])
    /// No task has this id.
    case unknownTask(id: String)
    /// The task used up its attempts and is in the dead-letter list.
    case taskDead(id: String, attempts: Int, lastError: String)
    /// The queue refused the request (e.g. requeueing a task that is not dead).
    case refused(LeaseError)
    /// The queue could not be read or written.
    case queueUnavailable(action: String, reason: String)
    /// The reply could not be encoded within the line limit (an enormous result).
    case replyTooLarge(reason: String)

    public var description: String {
        switch self {
        case .notText(let byteCount):
            return "the line (\(byteCount) bytes) is not UTF-8 text; send one JSON object per line, e.g. {\"op\":\"echo\",\"data\":\"hi\"}"
        case .notAnObject:
            return "a request must be a JSON object, e.g. {\"op\":\"echo\",\"data\":\"hi\"} or {\"cmd\":\"stats\"}"
        case .malformed(let error):
            return error.description
        case .unknownOperation(let name, let known):
            return "field 'op': unknown operation '\(name)'; known operations: \(known.joined(separator: ", "))"
        case .unknownTask(let id):
            return "no task with id '\(id)'"
        case .taskDead(let id, let attempts, let lastError):
            return "task \(id) failed after \(attempts) attempts: \(lastError)"
        case .refused(let error):
            return error.description
        case .queueUnavailable(let action, let reason):
            return "could not \(action): \(reason)"
        case .replyTooLarge(let reason):
            return "the reply could not be sent: \(reason)"
        }
    }
}
