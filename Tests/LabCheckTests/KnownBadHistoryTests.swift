import LabCheck
import Testing

/// Histories with no linearization, which the checker must reject and explain.
@Suite struct KnownBadHistoryTests {
    private func violation(_ calls: [Call]) throws -> LinearizabilityViolation {
        let result = try verdict(calls)
        return try #require(result.violation, "expected a violation, got \(result)")
    }

    @Test func staleReadAfterAnAcknowledgedPut() throws {
        let found = try self.violation([
            put(0, "x", "1", 0, 10),
            get(1, "x", nil, 20, 30),
        ])
        #expect(found.key == "x")
        #expect(found.operation.operation == .get(key: "x"))
        #expect(found.operation.output == .value(nil))
        #expect(found.valueAfterPrefix == "1")
        #expect(found.explanation.contains("would have returned \"1\""), "\(found)")
    }

    @Test func lostWrite() throws {
        // The later write completed, yet a read after it returns the older value.
        let found = try self.violation([
            put(0, "x", "1", 0, 10),
            put(1, "x", "2", 20, 30),
            get(2, "x", "1", 40, 50),
        ])
        #expect(found.operation.label == "get(x) → \"1\"", "\(found)")
        #expect(found.linearizedPrefix.map(\.label) == ["put(x, \"1\") → ok", "put(x, \"2\") → ok"])
    }

    @Test func duplicateApplyOfAnAppend() throws {
        let found = try self.violation([
            append(0, "x", "a", 0, 10),
            get(1, "x", "aa", 20, 30),
        ])
        #expect(found.operation.label == "get(x) → \"aa\"", "\(found)")
    }

    @Test func duplicateApplyOfAnAppendThatTimedOut() throws {
        // Unknown outcome means zero or one application, never two.
        let found = try self.violation([
            append(0, "x", "a", 0, 10, .info),
            get(1, "x", "aa", 20, 30),
        ])
        #expect(found.operation.process == 1)
    }

    @Test func readOfAValueNeverWritten() throws {
        let found = try self.violation([
            put(0, "x", "1", 0, 10),
            put(1, "x", "2", 5, 15),
            get(2, "x", "3", 8, 20),
        ])
        #expect(found.operation.label == "get(x) → \"3\"")
        #expect(Set(found.concurrentOperations.map(\.process)).isSubset(of: [0, 1]))
    }

    @Test func casReportsSuccessOnTheWrongValue() throws {
        let found = try self.violation([
            put(0, "x", "a", 0, 10),
            cas(1, "x", "b", "c", true, 20, 30),
        ])
        #expect(found.explanation.contains("would have returned false"), "\(found)")
    }

    @Test func casReportsFailureOnTheRightValue() throws {
        let found = try self.violation([
            put(0, "x", "a", 0, 10),
            cas(1, "x", "a", "c", false, 20, 30),
        ])
        #expect(found.operation.output == .casResult(false))
    }

    @Test func readOfAFailedWrite() throws {
        _ = try self.violation([
            put(0, "x", "1", 0, 10, .fail),
            get(1, "x", "1", 20, 30),
        ])
    }

    @Test func readsThatFlipBackToTheOldValue() throws {
        // Two readers during one slow write: once one has seen the new value, a later read
        // (that began after that one ended) may not see the old value again.
        let found = try self.violation([
            put(0, "x", "old", 0, 1),
            put(0, "x", "new", 10, 100),
            get(1, "x", "new", 20, 30),
            get(2, "x", "old", 40, 50),
        ])
        #expect(found.operation.label == "get(x) → \"old\"", "\(found)")
    }

    @Test func violationOnOneKeyAmongGoodOnes() throws {
        let found = try self.violation([
            put(0, "a", "1", 0, 10), get(1, "a", "1", 20, 30),
            put(0, "b", "1", 40, 50), get(1, "b", nil, 60, 70),
            put(0, "c", "1", 80, 90), get(1, "c", "1", 100, 110),
        ])
        #expect(found.key == "b")
    }
}
