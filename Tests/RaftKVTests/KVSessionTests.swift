import RaftKV
import Testing

/// Exactly-once: retries answered from the session, old sequences refused, bounded sessions.
@Suite struct KVSessionTests {
    @Test func duplicateAppendIsAppliedOnceAndAnsweredTheSame() {
        var kv = Driver()
        let command = KVCommand(client: 7, sequence: 1, operation: .append(key: "k", suffix: "x"))
        let first = kv.send(command)
        let second = kv.send(command)
        #expect(first == .done)
        #expect(second == first)
        #expect(kv.machine.read(.get(key: "k")) == .value("x"))
        #expect(kv.machine.appliedIndex == 2)
    }

    @Test func duplicateCasGetsTheFirstAnswerNotANewOne() {
        var kv = Driver()
        let cas = KVCommand(client: 3, sequence: 1, operation: .cas(key: "k", expected: nil, new: "1"))
        #expect(kv.send(cas) == .cas(succeeded: true, current: "1"))
        // Re-executing would fail (the key is present now); the retry must see the first answer.
        #expect(kv.send(cas) == .cas(succeeded: true, current: "1"))
    }

    @Test func olderSequenceIsRejected() {
        var kv = Driver()
        kv.send(KVCommand(client: 1, sequence: 1, operation: .append(key: "k", suffix: "a")))
        kv.send(KVCommand(client: 1, sequence: 2, operation: .append(key: "k", suffix: "b")))
        let stale = kv.send(KVCommand(client: 1, sequence: 1, operation: .append(key: "k", suffix: "a")))
        #expect(stale == .rejected(.staleSequence(client: 1, sequence: 1, latest: 2)))
        #expect(kv.machine.read(.get(key: "k")) == .value("ab"))
        #expect(kv.machine.session(of: 1)?.sequence == 2)
    }

    @Test func sequencesMaySkipAhead() {
        var kv = Driver()
        kv.send(KVCommand(client: 1, sequence: 1, operation: .append(key: "k", suffix: "a")))
        #expect(kv.send(KVCommand(client: 1, sequence: 5, operation: .append(key: "k", suffix: "b"))) == .done)
        #expect(kv.machine.read(.get(key: "k")) == .value("ab"))
    }

    @Test func rejectedInputIsRememberedLikeAnyAnswer() {
        var kv = Driver()
        let bad = KVCommand(client: 1, sequence: 1, operation: .put(key: "", value: "x"))
        #expect(kv.send(bad) == .rejected(.emptyKey))
        #expect(kv.send(bad) == .rejected(.emptyKey))
        #expect(kv.machine.session(of: 1)?.sequence == 1)
    }

    @Test func leastRecentlyAppliedSessionIsEvictedFirst() {
        var kv = Driver(limits: KVLimits(maxSessions: 3))
        kv.run(.put(key: "a", value: "1"), client: 10)   // index 1
        kv.run(.put(key: "b", value: "1"), client: 20)   // index 2
        kv.run(.put(key: "c", value: "1"), client: 30)   // index 3
        kv.run(.put(key: "a", value: "2"), client: 10)   // index 4: client 10 is recent again
        #expect(kv.machine.sessionCount == 3)

        kv.run(.put(key: "d", value: "1"), client: 40)   // index 5: evicts 20 (last applied at 2)
        #expect(kv.machine.sessionCount == 3)
        #expect(kv.machine.session(of: 20) == nil)
        #expect(kv.machine.session(of: 10)?.lastIndex == 4)
        #expect(kv.machine.session(of: 30) != nil)

        // A retry from the evicted client cannot be told from a new command: refused, not re-applied.
        let retry = kv.send(KVCommand(client: 20, sequence: 1 + 1, operation: .append(key: "b", suffix: "!")))
        #expect(retry == .rejected(.sessionExpired(client: 20)))
        #expect(kv.machine.read(.get(key: "b")) == .value("1"))
        if case .rejected(let error) = retry { #expect(error.description.contains("new client id")) }

        kv.run(.put(key: "e", value: "1"), client: 50)   // evicts 30 (index 3)
        #expect(kv.machine.session(of: 30) == nil)
        #expect(kv.machine.session(of: 10) != nil && kv.machine.session(of: 40) != nil && kv.machine.session(of: 50) != nil)
    }

    @Test func duplicatesAndRejectionsDoNotRefreshASession() {
        var kv = Driver(limits: KVLimits(maxSessions: 2))
        let first = KVCommand(client: 1, sequence: 1, operation: .put(key: "a", value: "1"))
        kv.send(first)                                           // index 1
        kv.run(.put(key: "b", value: "1"), client: 2)            // index 2
        kv.send(first)                                           // index 3: a retry, client 1 stays at 1
        #expect(kv.machine.session(of: 1)?.lastIndex == 1)
        kv.run(.put(key: "c", value: "1"), client: 3)            // index 5: evicts client 1
        #expect(kv.machine.session(of: 1) == nil)
        #expect(kv.machine.session(of: 2) != nil)
    }
}
