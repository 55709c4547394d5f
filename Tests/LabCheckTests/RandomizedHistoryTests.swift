import LabCheck
import LabTestSupport
import Testing

/// Histories generated from a sequential store with random windows around the true
/// linearization points: accepted as they are, rejected once one read is corrupted.
@Suite struct RandomizedHistoryTests {
    /// Operation i takes effect at time 10·i on a sequential store; its invocation and completion
    /// are drawn around that point, one operation at a time per process. Some complete with info
    /// (applied or not), some fail (not applied). All written values are unique.
    static func generate(using rng: inout SeededGenerator, count: Int, keys: Int, concurrency: Int) -> [Call] {
        var store: [String: String] = [:]
        var process = Array(0..<concurrency)  // slot -> current process id
        var nextProcess = concurrency
        var busyUntil = [Int64](repeating: -1, count: concurrency)
        var calls: [Call] = []
        var point: Int64 = 0
        while calls.count < count {
            point += 10
            guard let slot = (0..<concurrency).filter({ busyUntil[$0] < point }).randomElement(using: &rng) else { continue }
            let from = Int64.random(in: max(busyUntil[slot] + 1, point - 25)...point, using: &rng)
            let to = Int64.random(in: point...(point + 25), using: &rng)
            let key = "k\(Int.random(in: 0..<keys, using: &rng))"
            let n = calls.count
            let op: KVOperation = switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4: .get(key: key)
            case 4, 5: .put(key: key, value: "v\(n)")
            case 6: .delete(key: key)
            case 7: .append(key: key, suffix: "a\(n),")
            default: .cas(key: key, expected: Bool.random(using: &rng) ? store[key] : "v\(n / 2)", new: "c\(n)")
            }
            let roll = Int.random(in: 0..<100, using: &rng)
            let applied = roll >= 6  // 0..<4: info not applied, 4..<6: fail, 6..<8: info applied
            var output: KVOutput = .ack
            if applied {
                let before = store[key]
                switch KVModel.apply(op, to: before, observed: nil) {
                case .consistent(let after): store[key] = after
                case .inconsistent: preconditionFailure("unconstrained operations always apply")
                }
                if case .get = op { output = .value(before) }
                if case .cas(_, let expected, _) = op { output = .casResult(before == expected) }
            }
            let end: Call.End = switch roll {
            case 0..<4, 6..<8: .info
            case 4..<6: .fail
            default: .ok(output)
            }
            calls.append(Call(process: process[slot], op: op, from: from, to: to, end: end))
            busyUntil[slot] = to
            if case .info = end {
                process[slot] = nextProcess
                nextProcess += 1
            }
        }
        return calls
    }

    /// A read that must be stale: it returns the value of a put that an acknowledged later write
    /// overwrote before the read began.
    static func staleRead(in calls: [Call]) -> (index: Int, value: String)? {
        for (r, read) in calls.enumerated() {
            guard case .get(let key) = read.op, case .ok = read.end else { continue }
            for second in calls where second.op.key == key && second.to < read.from {
                guard case .ok = second.end, !second.op.isReadOnly else { continue }
                if case .cas = second.op, case .ok(.casResult(false)) = second.end { continue }
                for first in calls where first.op.key == key && first.to < second.from {
                    if case .put(_, let value) = first.op, case .ok = first.end, case .ok(.value(let seen)) = read.end,
                       seen != value {
                        return (r, value)
                    }
                }
            }
        }
        return nil
    }

    @Test func generatedHistoriesAreAcceptedAndCorruptedReadsRejected() throws {
        let seed = SeededGenerator.seedForTest()
        var rng = SeededGenerator(seed: seed)
        let replay = "replay with LAB_SEED=\(seed)"
        for round in 0..<20 {
            let calls = Self.generate(using: &rng, count: 300, keys: 3, concurrency: 5)
            let good = try LinearizabilityChecker().check(history(calls))
            #expect(good == .linearizable, "round \(round): \(good); \(replay)")

            let reads = calls.indices.filter { if case .ok(.value) = calls[$0].end { true } else { false } }
            let victim = try #require(reads.randomElement(using: &rng), "\(replay)")
            var neverWritten = calls
            neverWritten[victim].end = .ok(.value("never-written"))
            let bad = try LinearizabilityChecker().check(history(neverWritten))
            #expect(bad.violation?.operation.id != nil, "round \(round): \(bad); \(replay)")
            #expect(bad.violation?.key == calls[victim].op.key, "\(replay)")

            if let (index, value) = Self.staleRead(in: calls) {
                var stale = calls
                stale[index].end = .ok(.value(value))
                let verdict = try LinearizabilityChecker().check(history(stale))
                #expect(verdict.violation != nil, "round \(round): stale read of \(value) at call \(index) accepted; \(replay)")
            }
        }
    }

    @Test func thousandsOfOperationsCheckQuickly() throws {
        let seed = SeededGenerator.seedForTest()
        var rng = SeededGenerator(seed: seed)
        let calls = Self.generate(using: &rng, count: 3_000, keys: 10, concurrency: 5)
        let recorded = try history(calls)
        let clock = ContinuousClock()
        var verdict = CheckVerdict.unknown(reason: "not run")
        let elapsed = clock.measure { verdict = (try? LinearizabilityChecker().check(recorded)) ?? verdict }
        print("LabCheck: \(calls.count) ops, 10 keys, concurrency 5 checked in \(elapsed) (seed \(seed))")
        #expect(verdict == .linearizable, "\(verdict); replay with LAB_SEED=\(seed)")
    }
}
