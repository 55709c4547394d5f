import Foundation
import RaftKV
import Testing

/// Snapshots restore the exact state, sessions included, and depend only on that state.
@Suite struct KVSnapshotTests {
    static func populated() -> Driver {
        var kv = Driver(limits: KVLimits(maxSessions: 3))
        kv.run(.put(key: "b", value: "2"), client: 1)
        kv.run(.put(key: "a", value: "1"), client: 2)
        kv.run(.append(key: "c", suffix: "x"), client: 3)
        kv.run(.put(key: "é/ünïcode", value: "\"quoted\"\n"), client: 4)
        kv.run(.delete(key: "b"), client: 1)
        kv.run(.cas(key: "a", expected: "1", new: "one"), client: 2)
        return kv
    }

    @Test func roundTripIsByteIdentical() throws {
        let kv = Self.populated()
        let bytes = kv.machine.snapshot()
        let restored = try KVStateMachine(snapshot: bytes, limits: kv.machine.limits)
        #expect(restored.snapshot() == bytes)
        #expect(restored.appliedIndex == kv.machine.appliedIndex)
        #expect(restored.count == kv.machine.count)
        #expect(restored.sessionCount == 3)
        #expect(restored.read(.list(prefix: "", limit: 10)) == kv.machine.read(.list(prefix: "", limit: 10)))
        for client: UInt64 in 1...4 { #expect(restored.session(of: client) == kv.machine.session(of: client)) }
    }

    @Test func sameCommandsGiveIdenticalBytes() {
        #expect(Self.populated().machine.snapshot() == Self.populated().machine.snapshot())
        // Insertion order does not matter, only the state.
        var one = Driver(), two = Driver()
        one.send(KVCommand(client: 1, sequence: 1, operation: .put(key: "x", value: "1")))
        one.send(KVCommand(client: 2, sequence: 1, operation: .put(key: "y", value: "2")))
        two.send(KVCommand(client: 1, sequence: 1, operation: .put(key: "x", value: "1")))
        two.send(KVCommand(client: 2, sequence: 1, operation: .put(key: "y", value: "2")))
        #expect(one.machine.snapshot() == two.machine.snapshot())
    }

    @Test func duplicateAfterRestoreIsStillAppliedOnce() throws {
        var kv = Driver()
        kv.send(KVCommand(client: 9, sequence: 1, operation: .append(key: "k", suffix: "x")))
        let command = KVCommand(client: 9, sequence: 2, operation: .append(key: "k", suffix: "y"))
        #expect(kv.send(command) == .done)
        var restored = Driver()
        restored.machine = try KVStateMachine(snapshot: kv.machine.snapshot())
        restored.index = kv.index
        #expect(restored.send(command) == .done)
        #expect(restored.machine.read(.get(key: "k")) == .value("xy"))
        let stale = restored.send(KVCommand(client: 9, sequence: 1, operation: .append(key: "k", suffix: "x")))
        #expect(stale == .rejected(.staleSequence(client: 9, sequence: 1, latest: 2)))
        #expect(restored.machine.read(.get(key: "k")) == .value("xy"))
        // The restored machine refuses indexes the snapshot covers.
        #expect(restored.machine.apply(command, at: 2) == .rejected(.indexAlreadyApplied(index: 2, appliedIndex: 4)))
    }

    @Test func emptyMachineRoundTrips() throws {
        let empty = KVStateMachine()
        let restored = try KVStateMachine(snapshot: empty.snapshot())
        #expect(restored.snapshot() == empty.snapshot())
        #expect(restored.appliedIndex == 0 && restored.count == 0)
    }

    @Test(arguments: [
        ("", "no bytes"),
        ("nonsense", "not valid JSON"),
        (#"{"format":"other","version":1}"#, #"format is "other""#),
        (#"{"format":"distlab.raftkv.snapshot","version":2}"#, "unsupported version 2"),
        (#"{"format":"distlab.raftkv.snapshot","version":1,"appliedIndex":1,"sessions":[]}"#, #"missing field "entries""#),
        (#"{"appliedIndex":1,"entries":[{"key":"a","value":"1"},{"key":"a","value":"2"}],"format":"distlab.raftkv.snapshot","sessions":[],"version":1}"#,
         #"key "a" appears twice"#),
        (#"{"appliedIndex":1,"entries":[],"format":"distlab.raftkv.snapshot","sessions":[{"client":1,"lastIndex":5,"result":{"done":{}},"sequence":1}],"version":1}"#,
         "after the snapshot's applied index 1"),
    ])
    func malformedSnapshotNamesTheProblem(text: String, problem: String) {
        let error = #expect(throws: KVError.self) { try KVStateMachine(snapshot: Data(text.utf8)) }
        guard case .malformedSnapshot(let message) = error else {
            Issue.record("expected .malformedSnapshot, got \(String(describing: error))")
            return
        }
        #expect(message.contains(problem), "\(message)")
    }
}
