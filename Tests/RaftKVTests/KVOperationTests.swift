import RaftKV
import Testing

/// Each operation's effect and answer.
@Suite struct KVOperationTests {
    @Test func putThenGet() {
        var kv = Driver()
        #expect(kv.run(.get(key: "a")) == .value(nil))
        #expect(kv.run(.put(key: "a", value: "1")) == .done)
        #expect(kv.run(.get(key: "a")) == .value("1"))
        #expect(kv.run(.put(key: "a", value: "2")) == .done)
        #expect(kv.machine.read(.get(key: "a")) == .value("2"))
        #expect(kv.machine.count == 1)
        #expect(kv.machine.appliedIndex == 4)
    }

    @Test func deleteRemovesAndToleratesAbsentKeys() {
        var kv = Driver()
        kv.run(.put(key: "a", value: "1"))
        #expect(kv.run(.delete(key: "a")) == .done)
        #expect(kv.run(.get(key: "a")) == .value(nil))
        #expect(kv.run(.delete(key: "a")) == .done)
        #expect(kv.machine.count == 0)
    }

    @Test func appendExtendsAndTreatsAbsentKeyAsEmpty() {
        var kv = Driver()
        #expect(kv.run(.append(key: "log", suffix: "x")) == .done)
        #expect(kv.run(.append(key: "log", suffix: "yz")) == .done)
        #expect(kv.machine.read(.get(key: "log")) == .value("xyz"))
    }

    @Test func casSucceedsOnlyWhenExpectedMatches() {
        var kv = Driver()
        kv.run(.put(key: "a", value: "1"))
        #expect(kv.run(.cas(key: "a", expected: "0", new: "2")) == .cas(succeeded: false, current: "1"))
        #expect(kv.machine.read(.get(key: "a")) == .value("1"))
        #expect(kv.run(.cas(key: "a", expected: "1", new: "2")) == .cas(succeeded: true, current: "2"))
        #expect(kv.machine.read(.get(key: "a")) == .value("2"))
        // nil expected means "must be absent": fails on a present key.
        #expect(kv.run(.cas(key: "a", expected: nil, new: "3")) == .cas(succeeded: false, current: "2"))
    }

    @Test func casOnAbsentKey() {
        var kv = Driver()
        #expect(kv.run(.cas(key: "a", expected: "x", new: "1")) == .cas(succeeded: false, current: nil))
        #expect(kv.machine.count == 0)
        #expect(kv.run(.cas(key: "a", expected: nil, new: "1")) == .cas(succeeded: true, current: "1"))
        #expect(kv.machine.read(.get(key: "a")) == .value("1"))
    }

    @Test func listReturnsPrefixedKeysSortedUpToLimit() {
        var kv = Driver()
        for key in ["user/3", "user/1", "users", "user/2", "admin/1", "user"] {
            kv.run(.put(key: key, value: "v-" + key))
        }
        let two = [KVPair(key: "user/1", value: "v-user/1"), KVPair(key: "user/2", value: "v-user/2")]
        #expect(kv.run(.list(prefix: "user/", limit: 2)) == .entries(two))
        #expect(kv.machine.read(.list(prefix: "user/", limit: 2)) == .entries(two))
        #expect(kv.machine.read(.list(prefix: "user", limit: 10))
            == .entries(["user", "user/1", "user/2", "user/3", "users"].map { KVPair(key: $0, value: "v-" + $0) }))
        #expect(kv.machine.read(.list(prefix: "", limit: 1)) == .entries([KVPair(key: "admin/1", value: "v-admin/1")]))
        #expect(kv.machine.read(.list(prefix: "none", limit: 5)) == .entries([]))
        #expect(kv.machine.read(.list(prefix: "user", limit: 0)) == .entries([]))
    }

    @Test func operationProperties() {
        #expect(KVOperation.get(key: "a").isRead && KVOperation.list(prefix: "", limit: 1).isRead)
        #expect(!KVOperation.put(key: "a", value: "").isRead)
        #expect(!KVOperation.cas(key: "a", expected: nil, new: "").isRead)
        #expect(KVOperation.append(key: "k", suffix: "s").key == "k")
        #expect(KVOperation.list(prefix: "k", limit: 1).key == nil)
    }

    @Test func readRefusesWritesAndChangesNothing() {
        var kv = Driver()
        kv.run(.put(key: "a", value: "1"))
        let result = kv.machine.read(.put(key: "a", value: "2"))
        #expect(result == .rejected(.notARead(operation: "put")))
        #expect(kv.machine.read(.get(key: "a")) == .value("1"))
    }

    @Test func reappliedIndexIsRefusedWithoutEffect() {
        var machine = KVStateMachine()
        #expect(machine.apply(KVCommand(client: 1, sequence: 1, operation: .put(key: "a", value: "1")), at: 5) == .done)
        let again = machine.apply(KVCommand(client: 1, sequence: 2, operation: .put(key: "a", value: "2")), at: 5)
        #expect(again == .rejected(.indexAlreadyApplied(index: 5, appliedIndex: 5)))
        #expect(machine.read(.get(key: "a")) == .value("1"))
        #expect(machine.appliedIndex == 5)
        // Gaps (noop and membership entries) are fine.
        #expect(machine.apply(KVCommand(client: 1, sequence: 2, operation: .put(key: "a", value: "2")), at: 9) == .done)
        #expect(machine.appliedIndex == 9)
    }
}
