/// Something a worker can do with a task's data. Adding an operation is one small file with a
/// type conforming to this protocol, plus one line in `OperationRegistry.standard`.
public protocol TaskOperation: Sendable {
    /// The name clients put in `"op"`.
    static var name: String { get }
    /// One line for `taskqueue --help` and error messages.
    static var summary: String { get }
    /// Runs the operation; a thrown error is a failed attempt, retried with backoff.
    func run(_ data: String) async throws -> String
}

/// A failure an operation reports on purpose, with a message for the task's record.
public struct OperationFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { self.message }
}
