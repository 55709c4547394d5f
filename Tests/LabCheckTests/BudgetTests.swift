import LabCheck
import Testing

/// A search that is cut short says so, and never claims linearizable.
@Suite struct BudgetTests {
    /// Many concurrent appends followed by a read: the search must try orders of the appends.
    private func manyConcurrentAppends(count: Int, finalRead: String) -> [Call] {
        var calls = (0..<count).map { append($0, "x", "\($0),", Int64($0), 1_000) }
        calls.append(get(count, "x", finalRead, 2_000, 2_001))
        return calls
    }

    @Test func tinyTimeBudgetOnAPathologicalHistoryIsUnknown() throws {
        let calls = self.manyConcurrentAppends(count: 18, finalRead: "never")
        let checker = LinearizabilityChecker(timeBudget: .microseconds(1), stateBudget: .max)
        let result = try checker.check(history(calls))
        guard case .unknown(let reason) = result else {
            Issue.record("expected unknown, got \(result)")
            return
        }
        #expect(reason.contains("time budget"), "\(reason)")
        #expect(!result.isLinearizable)
    }

    @Test func tinyStateBudgetOnALinearizableHistoryIsUnknownNotLinearizable() throws {
        // Linearizable (appends in reverse order), but proving it takes more than 5 states.
        let order = (0..<7).reversed().map { "\($0)," }.joined()
        let calls = self.manyConcurrentAppends(count: 7, finalRead: order)
        let small = try LinearizabilityChecker(stateBudget: 5).check(history(calls))
        guard case .unknown(let reason) = small else {
            Issue.record("expected unknown, got \(small)")
            return
        }
        #expect(reason.contains("state budget"), "\(reason)")
        let ample = try LinearizabilityChecker().check(history(calls))
        #expect(ample == .linearizable, "\(ample)")
    }

    @Test func smallPathologicalHistoryIsDecidedWithEnoughBudget() throws {
        let result = try LinearizabilityChecker().check(history(self.manyConcurrentAppends(count: 7, finalRead: "never")))
        #expect(result.violation?.operation.label == "get(x) → \"never\"", "\(result)")
    }
}
