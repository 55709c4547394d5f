import Foundation
import TaskQueueCore

// How failure messages show tasks, times, values and errors.

/// A time as an offset from the checks' time zero, e.g. `t+10s` or `t+2.5s`.
func timeLabel(_ date: Date) -> String {
    let seconds = date.timeIntervalSince(LifecycleProbe.start)
    let text = seconds == seconds.rounded() && abs(seconds) < 1e12 ? "\(Int(seconds))" : String(format: "%.3f", seconds)
    return seconds < 0 ? "t\(text)s" : "t+\(text)s"
}

/// A field's value: strings quoted, times as offsets, optionals unwrapped or `nil`.
func show<Value>(_ value: Value) -> String {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .optional {
        guard let wrapped = mirror.children.first?.value else { return "nil" }
        return show(wrapped)
    }
    switch value {
    case let date as Date: return timeLabel(date)
    case let string as String: return "\"\(string)\""
    case let state as TaskState: return state.rawValue
    default: return "\(value)"
    }
}

/// Every field of a task that the rules change, leaving out those that are nil.
func describe(_ task: TaskRecord) -> String {
    describe(task.state, attempts: task.attempts, of: task.maxAttempts, [
        ("leaseOwner", task.leaseOwner), ("leaseToken", task.leaseToken), ("leaseExpiresAt", task.leaseExpiresAt),
        ("visibleAt", task.visibleAt), ("result", task.result), ("worker", task.worker), ("lastError", task.lastError),
        ("finishedAt", task.finishedAt),
    ])
}

/// A state and attempts, then the named fields that are not nil: "leased, attempts 1/3, leaseOwner "w1", …".
func describe(_ state: TaskState, attempts: Int, of maxAttempts: Int, _ fields: [(name: String, value: Any?)]) -> String {
    let shown = fields.compactMap { field in field.value.map { "\(field.name) \(show($0))" } }
    return (["\(state.rawValue), attempts \(attempts)/\(maxAttempts)"] + shown).joined(separator: ", ")
}

/// An error as its case, e.g. `LeaseError.leaseLost(id: "t1")`.
func describe(_ error: LeaseError) -> String {
    switch error {
    case .unknownTask(let id): return "LeaseError.unknownTask(id: \"\(id)\")"
    case .leaseLost(let id): return "LeaseError.leaseLost(id: \"\(id)\")"
    case .alreadyFinished(let id, let state): return "LeaseError.alreadyFinished(id: \"\(id)\", state: .\(state.rawValue))"
    case .notDead(let id, let state): return "LeaseError.notDead(id: \"\(id)\", state: .\(state.rawValue))"
    }
}
