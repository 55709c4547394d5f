/// A history that breaks the rules of recording, or a file that does not hold one.
public enum HistoryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The process invoked an operation while its previous one had not completed.
    case processBusy(process: Int, pending: KVOperation, invoked: KVOperation)
    /// The process invoked an operation after an `.info` completion; such a process is retired
    /// (its last operation may still take effect), so use a fresh process id.
    case processRetired(process: Int, invoked: KVOperation)
    /// A completion (`ok`, `fail`, `info`) arrived for a process with no operation in flight.
    case noPendingOperation(process: Int, kind: HistoryEvent.Kind, eventIndex: Int)
    /// An `.ok` carried no output or the wrong kind of output for its operation.
    case outputMismatch(process: Int, operation: KVOperation, output: KVOutput?)
    /// A completion names a different operation than the one its process invoked.
    case completionMismatch(eventIndex: Int, invoked: KVOperation, completed: KVOperation)
    /// A completion is earlier than its invocation.
    case timeWentBackwards(process: Int, operation: KVOperation, invokeTime: Int64, completeTime: Int64)
    /// A JSON Lines line (1-based) could not be decoded.
    case malformedLine(line: Int, reason: String)

    public var description: String {
        switch self {
        case .processBusy(let process, let pending, let invoked):
            "process \(process) invoked \(invoked) while \(pending) was still in flight; one operation at a time per process"
        case .processRetired(let process, let invoked):
            "process \(process) invoked \(invoked) after an info (unknown outcome) completion; that process is retired, use a new process id"
        case .noPendingOperation(let process, let kind, let eventIndex):
            "event \(eventIndex): \(kind.rawValue) for process \(process), which has no operation in flight"
        case .outputMismatch(let process, let operation, let output):
            "process \(process): \(operation) cannot complete with output \(output.map { "\($0)" } ?? "none"); "
                + "get needs .value, cas needs .casResult, put/delete/append need .ack"
        case .completionMismatch(let eventIndex, let invoked, let completed):
            "event \(eventIndex): completion of \(completed), but its process invoked \(invoked)"
        case .timeWentBackwards(let process, let operation, let invokeTime, let completeTime):
            "process \(process): \(operation) completed at \(completeTime) ns, before its invocation at \(invokeTime) ns"
        case .malformedLine(let line, let reason):
            "history line \(line): \(reason)"
        }
    }
}
