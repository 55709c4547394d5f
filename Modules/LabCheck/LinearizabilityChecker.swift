/// Checks a key-value history for linearizability, one key at a time.
///
/// Every operation touches one key, and linearizability is compositional, so each key's
/// operations are checked on their own with a WGL-style search (see ``KVModel`` for the
/// semantics). `.fail` operations are ignored; `.info` and never-completed operations may take
/// effect at any point after their invocation, or never. The search stops with `.unknown`, never
/// `.linearizable`, once the time or state budget (shared by all keys) runs out.
public struct LinearizabilityChecker: Sendable {
    /// Wall-clock time the whole check may take (measured with `ContinuousClock`).
    public var timeBudget: Duration
    /// How many (placed operations, value) configurations the search may memoize, over all keys.
    public var stateBudget: Int

    public init(timeBudget: Duration = .seconds(60), stateBudget: Int = 5_000_000) {
        self.timeBudget = timeBudget
        self.stateBudget = stateBudget
    }

    /// Checks `history`; throws ``HistoryError`` when its events do not pair up.
    public func check(_ history: History) throws -> CheckVerdict {
        self.check(operations: try history.operations())
    }

    /// Checks operations as paired by ``History/operations()``.
    public func check(operations: [HistoryOperation]) -> CheckVerdict {
        var budget = SearchBudget(
            deadline: ContinuousClock.now + self.timeBudget, timeBudget: self.timeBudget, stateBudget: self.stateBudget)
        var byKey: [String: [HistoryOperation]] = [:]
        for op in operations {
            if op.outcome == .fail { continue }  // never took effect
            if op.outcome != .ok, op.operation.isReadOnly { continue }  // observed nothing, changed nothing
            byKey[op.operation.key, default: []].append(op)
        }
        // Small keys first: a cheap violation is found before an expensive key eats the budget.
        let keys = byKey.keys.sorted { (byKey[$0]!.count, $0) < (byKey[$1]!.count, $1) }
        var cutShort: [String] = []
        for key in keys {
            let ops = byKey[key]!
            if !cutShort.isEmpty, budget.exhausted() != nil {
                cutShort.append("\"\(key)\" (\(ops.count) ops, not started)")
                continue
            }
            switch WGLSearch.run(ops, budget: &budget) {
            case .linearizable: continue
            case .violation(let prefix):
                return .violation(Self.violation(key: key, operations: ops, prefix: prefix))
            case .exhausted(let reason):
                cutShort.append("\"\(key)\" (\(ops.count) ops, \(reason))")
            }
        }
        guard cutShort.isEmpty else {
            return .unknown(reason: "search cut short for \(cutShort.count) of \(keys.count) key(s): "
                + cutShort.joined(separator: "; ") + "; \(budget.statesExplored) states explored; "
                + "no violation found in the keys checked")
        }
        return .linearizable
    }

    /// Rebuilds what the search saw at its deepest point, for people.
    private static func violation(key: String, operations: [HistoryOperation], prefix: [Int]) -> LinearizabilityViolation {
        var value: String?
        for index in prefix {
            if case .consistent(let newValue) = KVModel.apply(
                operations[index].operation, to: value, observed: operations[index].output) {
                value = newValue
            }
        }
        let placed = Set(prefix)
        func returnOrder(_ op: HistoryOperation) -> (Int64, Int) {
            guard op.outcome == .ok, let time = op.completeTime, let tie = op.completeEventIndex else { return (.max, .max) }
            return (time, tie)
        }
        let unplaced = operations.indices.filter { !placed.contains($0) }.map { operations[$0] }
        let stuck = unplaced.filter { $0.outcome == .ok }.min { returnOrder($0) < returnOrder($1) }!
        let concurrent = unplaced.filter {
            $0.id != stuck.id && ($0.invokeTime, $0.invokeEventIndex) < returnOrder(stuck)
        }
        let explanation: String
        switch KVModel.apply(stuck.operation, to: value, observed: stuck.output) {
        case .inconsistent(let expected):
            explanation = "\(stuck.label) (process \(stuck.process)) cannot be linearized: placed after the longest "
                + "legal prefix it would have returned \(expected)"
                + (concurrent.isEmpty ? ", and nothing else was in flight" : ", and no order of the \(concurrent.count) "
                    + "operation(s) concurrent with it makes it fit")
        case .consistent:
            explanation = "\(stuck.label) (process \(stuck.process)) fits right after the longest legal prefix, "
                + "but then the operations concurrent with it cannot all be placed consistently"
        }
        return LinearizabilityViolation(
            key: key, linearizedPrefix: prefix.map { operations[$0] }, valueAfterPrefix: value,
            operation: stuck, concurrentOperations: concurrent, explanation: explanation)
    }
}
