/// The sequential specification of a single key: what each operation does to the key's value and
/// what it must observe.
public enum KVModel {
    /// The outcome of applying one operation to a value.
    public enum Step: Hashable, Sendable {
        /// The observation fits; the key now holds `newValue` (`nil`: absent).
        case consistent(newValue: String?)
        /// The operation must have observed `expected` instead.
        case inconsistent(expected: KVOutput)
    }

    /// Applies `operation` to `value`; `observed` is its `.ok` output, or `nil` when unknown
    /// (then any output fits and only the effect matters).
    public static func apply(_ operation: KVOperation, to value: String?, observed: KVOutput?) -> Step {
        switch operation {
        case .get:
            if let observed, observed != .value(value) { return .inconsistent(expected: .value(value)) }
            return .consistent(newValue: value)
        case .put(_, let new):
            return .consistent(newValue: new)
        case .delete:
            return .consistent(newValue: nil)
        case .append(_, let suffix):
            return .consistent(newValue: (value ?? "") + suffix)
        case .cas(_, let expected, let new):
            let swaps = value == expected
            if let observed, observed != .casResult(swaps) { return .inconsistent(expected: .casResult(swaps)) }
            return .consistent(newValue: swaps ? new : value)
        }
    }
}
