/// What the linearizability checker concluded about a history.
public enum CheckVerdict: Hashable, Sendable, CustomStringConvertible {
    /// Every key's operations have a linearization.
    case linearizable
    /// Some key's operations have none; the violation shows where the search got stuck.
    case violation(LinearizabilityViolation)
    /// The search was cut short (time or state budget); nothing was proven either way.
    case unknown(reason: String)

    /// True only for `.linearizable`; never for a search that was cut short.
    public var isLinearizable: Bool {
        if case .linearizable = self { return true }
        return false
    }

    /// The violation, if that is the verdict.
    public var violation: LinearizabilityViolation? {
        if case .violation(let violation) = self { return violation }
        return nil
    }

    public var description: String {
        switch self {
        case .linearizable: "linearizable"
        case .violation(let violation): "NOT linearizable: \(violation)"
        case .unknown(let reason): "unknown (search cut short): \(reason)"
        }
    }
}

/// Why one key's operations cannot be linearized, in terms a human can check on a timeline.
///
/// The search finds the longest prefix of operations that can be put in a legal order
/// (`linearizedPrefix`, ending with the key holding `valueAfterPrefix`). After it, `operation`
/// (the earliest-completing operation not yet placed) must come next or before something in
/// `concurrentOperations` (the operations that had been invoked by the time it completed),
/// and no such order fits what they observed.
public struct LinearizabilityViolation: Hashable, Sendable, CustomStringConvertible {
    public var key: String
    /// The longest legal order found, first operation first.
    public var linearizedPrefix: [HistoryOperation]
    /// The key's value after the prefix (`nil`: absent).
    public var valueAfterPrefix: String?
    /// The operation that could not be linearized.
    public var operation: HistoryOperation
    /// Unplaced operations invoked before `operation` completed (they could have gone first).
    public var concurrentOperations: [HistoryOperation]
    /// One sentence on what went wrong.
    public var explanation: String

    public init(key: String, linearizedPrefix: [HistoryOperation], valueAfterPrefix: String?,
                operation: HistoryOperation, concurrentOperations: [HistoryOperation], explanation: String) {
        self.key = key
        self.linearizedPrefix = linearizedPrefix
        self.valueAfterPrefix = valueAfterPrefix
        self.operation = operation
        self.concurrentOperations = concurrentOperations
        self.explanation = explanation
    }

    /// The operation that could not be linearized followed by those concurrent with it.
    public var offendingOperations: [HistoryOperation] {
        [self.operation] + self.concurrentOperations
    }

    public var description: String {
        var lines = ["key \(self.key): \(self.explanation)"]
        let shown = self.linearizedPrefix.suffix(8)
        lines.append("  longest linearized prefix: \(self.linearizedPrefix.count) operation(s)"
                     + (shown.count < self.linearizedPrefix.count ? ", last \(shown.count):" : ":"))
        lines += shown.map { "    \($0)" }
        lines.append("  value after it: \(KVOutput.quote(self.valueAfterPrefix))")
        lines.append("  cannot linearize: \(self.operation)")
        if !self.concurrentOperations.isEmpty {
            lines.append("  concurrent with it:")
            lines += self.concurrentOperations.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
