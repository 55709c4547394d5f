import Foundation
import LabCheck
import LabTestSupport
import Synchronization
import Testing

/// Recording rules, the thread-safe recorder and the JSON Lines form.
@Suite struct HistoryRecorderTests {
    @Test func recordsEventsAndPairsThemIntoOperations() throws {
        var recorder = HistoryRecorder()
        #expect(try recorder.invoke(process: 0, op: .put(key: "x", value: "1"), time: 0) == 0)
        #expect(try recorder.invoke(process: 1, op: .get(key: "x"), time: 1) == 1)
        #expect(recorder.pendingOperation(of: 0) == .put(key: "x", value: "1"))
        try recorder.ok(process: 0, time: 5)
        try recorder.ok(process: 1, output: .value("1"), time: 6)
        try recorder.invoke(process: 0, op: .cas(key: "x", expected: "1", new: "2"), time: 7)
        try recorder.info(process: 0, time: 9)
        let operations = try recorder.history.operations()
        #expect(operations.map(\.label) == ["put(x, \"1\") → ok", "get(x) → \"1\"", "cas(x, \"1\"→\"2\") → ?"])
        #expect(operations.map(\.outcome) == [.ok, .ok, .info])
        #expect(operations[1].invokeTime == 1 && operations[1].completeTime == 6)
        #expect(recorder.isRetired(0) && !recorder.isRetired(1))
    }

    @Test func oneOperationAtATimePerProcess() throws {
        var recorder = HistoryRecorder()
        try recorder.invoke(process: 0, op: .get(key: "x"), time: 0)
        let error = #expect(throws: HistoryError.self) {
            try recorder.invoke(process: 0, op: .put(key: "x", value: "1"), time: 1)
        }
        #expect(error == .processBusy(process: 0, pending: .get(key: "x"), invoked: .put(key: "x", value: "1")))
        #expect("\(error!)".contains("still in flight"))
    }

    @Test func processIsRetiredAfterAnInfo() throws {
        var recorder = HistoryRecorder()
        try recorder.invoke(process: 3, op: .put(key: "x", value: "1"), time: 0)
        try recorder.info(process: 3, time: 10)
        let error = #expect(throws: HistoryError.self) { try recorder.invoke(process: 3, op: .get(key: "x"), time: 11) }
        #expect(error == .processRetired(process: 3, invoked: .get(key: "x")))
        #expect("\(error!)".contains("use a new process id"))
        try recorder.invoke(process: 4, op: .get(key: "x"), time: 11)
    }

    @Test func completionNeedsAnInvocationTheRightOutputAndALaterTime() throws {
        var recorder = HistoryRecorder()
        #expect(throws: HistoryError.noPendingOperation(process: 0, kind: .ok, eventIndex: 0)) {
            try recorder.ok(process: 0, time: 1)
        }
        try recorder.invoke(process: 0, op: .get(key: "x"), time: 10)
        #expect(throws: HistoryError.outputMismatch(process: 0, operation: .get(key: "x"), output: .ack)) {
            try recorder.ok(process: 0, time: 11)
        }
        #expect(throws: HistoryError.self) { try recorder.ok(process: 0, output: .value(nil), time: 9) }
        try recorder.fail(process: 0, time: 12)
        #expect(try recorder.history.operations().map(\.outcome) == [.fail])
    }

    @Test func loadedHistoryWithUnpairedEventsIsRejected() throws {
        let history = History(events: [HistoryEvent(process: 0, kind: .ok, operation: .get(key: "x"),
                                                    output: .value(nil), time: 0)])
        #expect(throws: HistoryError.noPendingOperation(process: 0, kind: .ok, eventIndex: 0)) {
            try LinearizabilityChecker().check(history)
        }
    }

    @Test func jsonLinesRoundTrip() throws {
        let original = try history([
            put(0, "x", "a b\n\"c\"", 0, 10),
            get(1, "x", nil, 1, 2),
            get(1, "x", "a b\n\"c\"", 11, 12),
            delete(2, "x", 13, 14),
            append(2, "y", "s", 15, 16, .fail),
            cas(3, "x", nil, "n", true, 17, 18),
            Call(process: 4, op: .cas(key: "y", expected: "q", new: "r"), from: 19, to: 20, end: .ok(.casResult(false))),
            put(5, "z", "1", 21, 22, .info),
            put(6, "z", "2", 23, 0, .pending),
        ])
        let text = try original.jsonLines()
        #expect(text.split(separator: "\n").count == original.events.count)
        #expect(text.contains(#"{"f":"get","key":"x","kind":"ok","process":1,"read":null,"time":2}"#), "\(text)")
        #expect(try History(jsonLines: text) == original)

        let directory = try TemporaryDirectory()
        let file = URL(fileURLWithPath: directory.path).appendingPathComponent("history.jsonl")
        try original.write(to: file)
        let replayed = try History(contentsOf: file)
        #expect(replayed == original)
        #expect(try LinearizabilityChecker().check(replayed) == .linearizable)
    }

    @Test func malformedJSONLinesNameTheLine() throws {
        let text = """
        {"process":0,"kind":"invoke","time":0,"f":"get","key":"x"}

        {"process":0,"kind":"ok","time":1,"f":"get","key":"x"}
        """
        let error = #expect(throws: HistoryError.self) { try History(jsonLines: text) }
        guard case .malformedLine(let line, let reason) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(line == 3)
        #expect(reason.contains("read"), "\(reason)")
        #expect(throws: HistoryError.self) { try History(jsonLines: #"{"process":0,"kind":"invoke","time":0,"f":"incr","key":"x"}"#) }
    }

    @Test func sharedRecorderUnderConcurrentClientsOfALinearizableStore() async throws {
        let recorder = SharedHistoryRecorder()
        let store = InMemoryStore()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for process in 0..<6 {
                group.addTask {
                    for round in 0..<100 {
                        let key = "k\(round % 3)"
                        switch (process + round) % 3 {
                        case 0:
                            try recorder.invoke(process: process, op: .get(key: key))
                            let value = store.values.withLock { $0[key] }
                            try recorder.ok(process: process, output: .value(value))
                        case 1:
                            try recorder.invoke(process: process, op: .append(key: key, suffix: "\(process)."))
                            store.values.withLock { $0[key, default: ""] += "\(process)." }
                            try recorder.ok(process: process)
                        default:
                            let new = "p\(process)r\(round)"
                            try recorder.invoke(process: process, op: .put(key: key, value: new))
                            store.values.withLock { $0[key] = new }
                            try recorder.ok(process: process)
                        }
                        await Task.yield()
                    }
                }
            }
            try await group.waitForAll()
        }
        let history = recorder.history
        #expect(history.events.count == 6 * 100 * 2)
        let result = try LinearizabilityChecker().check(history)
        #expect(result == .linearizable, "\(result)")
    }
}

/// A trivially linearizable store: every operation under one lock.
private final class InMemoryStore: Sendable {
    let values = Mutex([String: String]())
}
