/// Why a check failed: what was expected and what happened, in words a student can act on.
struct CheckFailure: Error {
    let message: String

    /// The same failure, its message prefixed with `context` (e.g. "round 7").
    func within(_ context: String) -> CheckFailure { CheckFailure(message: "\(context): \(self.message)") }
}

/// Fails with `message` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(CheckFailure) {
    if !condition { throw CheckFailure(message: message()) }
}

/// Fails unless `actual == expected`, with "`what`: expected …, got …".
func expect<Value: Equatable>(_ actual: Value, equals expected: Value, _ what: @autoclosure () -> String) throws(CheckFailure) {
    if actual != expected { throw CheckFailure(message: "\(what()): expected \(show(expected)), got \(show(actual))") }
}

/// A value as a message shows it: nil rather than Optional(…), sets sorted, long lists cut short.
func show(_ value: Any) -> String {
    switch value {
    case let set as Set<Int>: return show(set.sorted())
    case let set as Set<String>: return show(set.sorted())
    case let list as [Int] where list.count > 16: return "[\(list.prefix(16).map(String.init).joined(separator: ", ")), …] (\(list.count) pieces)"
    default:
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return "\(value)" }
        return mirror.children.first.map { show($0.value) } ?? "nil"
    }
}
