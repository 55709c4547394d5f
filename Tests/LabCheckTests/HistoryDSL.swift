import LabCheck

/// A compact way to write histories in tests: one call per operation, with its interval.
struct Call {
    enum End { case ok(KVOutput), fail, info, pending }
    var process: Int
    var op: KVOperation
    var from: Int64
    var to: Int64
    var end: End
}

func put(_ p: Int, _ key: String, _ value: String, _ from: Int64, _ to: Int64, _ end: Call.End = .ok(.ack)) -> Call {
    Call(process: p, op: .put(key: key, value: value), from: from, to: to, end: end)
}
func get(_ p: Int, _ key: String, _ read: String?, _ from: Int64, _ to: Int64) -> Call {
    Call(process: p, op: .get(key: key), from: from, to: to, end: .ok(.value(read)))
}
func append(_ p: Int, _ key: String, _ suffix: String, _ from: Int64, _ to: Int64, _ end: Call.End = .ok(.ack)) -> Call {
    Call(process: p, op: .append(key: key, suffix: suffix), from: from, to: to, end: end)
}
func delete(_ p: Int, _ key: String, _ from: Int64, _ to: Int64) -> Call {
    Call(process: p, op: .delete(key: key), from: from, to: to, end: .ok(.ack))
}
func cas(_ p: Int, _ key: String, _ expected: String?, _ new: String, _ swapped: Bool, _ from: Int64, _ to: Int64) -> Call {
    Call(process: p, op: .cas(key: key, expected: expected, new: new), from: from, to: to, end: .ok(.casResult(swapped)))
}

/// Records the calls in time order (at the same instant, a completion before the invocations of
/// other calls)
/// through a `HistoryRecorder`, so the recording rules are checked too.
func history(_ calls: [Call]) throws -> History {
    enum Step { case invoke(Call), end(Call) }
    var steps: [(time: Int64, order: Int, step: Step)] = []
    for (index, call) in calls.enumerated() {
        steps.append((call.from, 1_000_000 + index, .invoke(call)))
        if case .pending = call.end { continue }
        steps.append((call.to, call.to == call.from ? 2_000_000 + index : index, .end(call)))
    }
    steps.sort { ($0.time, $0.order) < ($1.time, $1.order) }
    var recorder = HistoryRecorder()
    for (time, _, step) in steps {
        switch step {
        case .invoke(let call): try recorder.invoke(process: call.process, op: call.op, time: time)
        case .end(let call):
            switch call.end {
            case .ok(let output): try recorder.ok(process: call.process, output: output, time: time)
            case .fail: try recorder.fail(process: call.process, time: time)
            case .info: try recorder.info(process: call.process, time: time)
            case .pending: break
            }
        }
    }
    return recorder.history
}

func verdict(_ calls: [Call]) throws -> CheckVerdict {
    try LinearizabilityChecker(timeBudget: .seconds(10)).check(history(calls))
}
