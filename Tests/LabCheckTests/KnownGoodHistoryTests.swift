import LabCheck
import Testing

/// Histories that have a linearization, which the checker must find.
@Suite struct KnownGoodHistoryTests {
    @Test func emptyHistoryIsLinearizable() throws {
        #expect(try verdict([]) == .linearizable)
    }

    @Test func sequentialOperationsOnSeveralKeys() throws {
        let result = try verdict([
            get(0, "x", nil, 0, 1),
            put(0, "x", "1", 2, 3),
            put(1, "y", "a", 2, 3),
            get(1, "x", "1", 4, 5),
            append(0, "x", "2", 6, 7),
            get(1, "x", "12", 8, 9),
            delete(0, "x", 10, 11),
            get(0, "x", nil, 12, 13),
            get(1, "y", "a", 14, 15),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func concurrentWritesThatOnlyLinearizeInOneOrder() throws {
        // put 2 must take effect before put 1, though put 1 was invoked first.
        let result = try verdict([
            put(0, "x", "1", 0, 10),
            put(1, "x", "2", 1, 11),
            get(2, "x", "1", 12, 13),
            get(2, "x", "1", 14, 15),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func readsConcurrentWithAWriteMaySeeEitherValueButNotFlipBack() throws {
        let result = try verdict([
            put(0, "x", "old", 0, 1),
            put(0, "x", "new", 10, 40),
            get(1, "x", "old", 11, 12),
            get(1, "x", "new", 13, 14),
            get(2, "x", "new", 15, 16),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func infoWriteThatTookEffect() throws {
        let result = try verdict([
            put(0, "x", "1", 0, 5, .info),
            get(1, "x", "1", 20, 25),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func infoWriteThatNeverTookEffect() throws {
        let result = try verdict([
            put(0, "x", "1", 0, 5, .info),
            get(1, "x", nil, 20, 25),
            get(1, "x", nil, 30, 35),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func infoWriteThatTookEffectLongAfterItsTimeout() throws {
        let result = try verdict([
            append(0, "x", "a", 0, 5, .info),
            get(1, "x", nil, 20, 25),
            get(1, "x", "a", 30, 35),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func operationThatNeverCompletedMayHaveHappened() throws {
        let result = try verdict([
            put(0, "x", "1", 0, 0, .pending),
            get(1, "x", nil, 1, 2),
            get(1, "x", "1", 3, 4),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func failedWriteIsIgnored() throws {
        let result = try verdict([
            put(0, "x", "1", 0, 5, .fail),
            get(1, "x", nil, 6, 7),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func casSuccessAndFailure() throws {
        let result = try verdict([
            cas(0, "x", nil, "a", true, 0, 1),
            cas(0, "x", nil, "b", false, 2, 3),
            cas(1, "x", "a", "c", true, 4, 5),
            get(1, "x", "c", 6, 7),
            cas(0, "x", "a", "d", false, 8, 9),
        ])
        #expect(result == .linearizable, "\(result)")
    }

    @Test func concurrentCasesWhereOnlyOneWins() throws {
        let result = try verdict([
            put(0, "x", "0", 0, 1),
            cas(1, "x", "0", "p1", false, 10, 20),
            cas(2, "x", "0", "p2", true, 11, 21),
            cas(3, "x", "0", "p3", false, 12, 22),
            get(0, "x", "p2", 23, 24),
        ])
        #expect(result == .linearizable, "\(result)")
    }
}
