/// One operation of a history: its invocation paired with its completion, if any.
public struct HistoryOperation: Hashable, Sendable, Identifiable, CustomStringConvertible {
    /// How the operation ended.
    public enum Outcome: String, Hashable, Sendable {
        /// Took effect; `output` is what it observed.
        case ok
        /// Definitely did not take effect.
        case fail
        /// Unknown: may take effect at any time after its invocation, or never.
        case info
        /// Never completed before the history ended; treated like `info`.
        case pending
    }

    /// Position in ``History/operations()`` (in order of invocation).
    public var id: Int
    public var process: Int
    public var operation: KVOperation
    public var outcome: Outcome
    /// What an `.ok` operation observed; `nil` otherwise.
    public var output: KVOutput?
    public var invokeTime: Int64
    /// When the completion (ok, fail or info) was recorded; `nil` while pending.
    public var completeTime: Int64?
    /// Position of the invoke event in ``History/events``.
    public var invokeEventIndex: Int
    /// Position of the completion event in ``History/events``; `nil` while pending.
    public var completeEventIndex: Int?

    public init(id: Int, process: Int, operation: KVOperation, outcome: Outcome, output: KVOutput?,
                invokeTime: Int64, completeTime: Int64?, invokeEventIndex: Int, completeEventIndex: Int?) {
        self.id = id
        self.process = process
        self.operation = operation
        self.outcome = outcome
        self.output = output
        self.invokeTime = invokeTime
        self.completeTime = completeTime
        self.invokeEventIndex = invokeEventIndex
        self.completeEventIndex = completeEventIndex
    }

    /// The operation and what it returned, e.g. `get(x) → "1"`, `put(x, "2") → ?` (unknown) or
    /// `put(x, "2") → fail`.
    public var label: String {
        switch self.outcome {
        case .ok: "\(self.operation) → \(self.output.map { "\($0)" } ?? "ok")"
        case .fail: "\(self.operation) → fail"
        case .info, .pending: "\(self.operation) → ?"
        }
    }

    /// E.g. `#12 p3 get(x) → "1" [1000, 2000]`.
    public var description: String {
        let end = self.completeTime.map { "\($0)" } ?? "…"
        let unknown = self.outcome == .info ? " (info)" : self.outcome == .pending ? " (pending)" : ""
        return "#\(self.id) p\(self.process) \(self.label)\(unknown) [\(self.invokeTime), \(end)]"
    }
}
