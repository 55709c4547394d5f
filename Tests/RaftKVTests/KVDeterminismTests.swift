import Foundation
import LabTestSupport
import RaftKV
import Testing

/// Replicas fed the same random command stream, with retries, stale and evicted sessions, end in the
/// same state byte for byte, whether or not one of them restarts from snapshots on the way.
/// Replay a failure with LAB_SEED=<printed seed>.
@Suite struct KVDeterminismTests {
    @Test func sameRandomStreamGivesIdenticalReplicas() throws {
        let seed = SeededGenerator.seedForTest()
        print("KVDeterminismTests seed: \(seed) (replay with LAB_SEED=\(seed))")
        var random = SeededGenerator(seed: seed)
        let limits = KVLimits(maxKeyBytes: 6, maxValueBytes: 12, maxSessions: 5)
        var one = KVStateMachine(limits: limits)
        var two = KVStateMachine(limits: limits)
        var restarts = 0
        var sequences: [UInt64: UInt64] = [:]
        var clients: [UInt64] = Array(1...6)
        var nextClient: UInt64 = 7
        var sent: [KVCommand] = []
        var index: UInt64 = 0
        var outcomes: [String: Int] = [:]

        for step in 0..<3_000 {
            let command: KVCommand
            let dice = Int.random(in: 0..<10, using: &random)
            if dice < 2, let old = sent.randomElement(using: &random) {
                command = old   // a retry, possibly of an old or evicted sequence
            } else {
                // Six client slots; a client told its session expired comes back under a new id.
                let slot = Int.random(in: 0..<6, using: &random)
                let client = clients[slot]
                let next = sequences[client].map { $0 + UInt64.random(in: 1...2, using: &random) } ?? 1
                sequences[client] = next
                command = KVCommand(client: client, sequence: next, operation: Self.randomOperation(&random))
                sent.append(command)
            }
            index += UInt64.random(in: 1...2, using: &random)   // gaps: noop entries
            let first = one.apply(command, at: index)
            let second = two.apply(encoded: command.encoded(), at: index)
            #expect(first == second, "seed \(seed), step \(step): \(command) answered \(first) vs \(second)")
            if first != second { return }
            outcomes[Self.outcome(first), default: 0] += 1
            if first == .rejected(.sessionExpired(client: command.client)),
               let slot = clients.firstIndex(of: command.client) {
                clients[slot] = nextClient
                nextClient += 1
            }

            if Int.random(in: 0..<100, using: &random) == 0 {
                two = try KVStateMachine(snapshot: two.snapshot(), limits: limits)
                restarts += 1
            }
        }
        // The stream must have exercised every path, or the comparison proves little.
        for outcome in ["value", "done", "cas", "entries", "stale", "expired", "emptyKey", "keyTooLarge", "valueTooLarge"] {
            #expect(outcomes[outcome, default: 0] > 0, "seed \(seed): no \(outcome) in \(outcomes)")
        }
        #expect(restarts > 0, "seed \(seed): no restart from a snapshot")
        #expect(one.snapshot() == two.snapshot(), "seed \(seed): snapshots differ after \(restarts) restarts")
        #expect(one.appliedIndex == index, "seed \(seed)")
        #expect(try KVStateMachine(snapshot: one.snapshot(), limits: limits).snapshot() == one.snapshot(), "seed \(seed)")
    }

    static func outcome(_ result: KVResult) -> String {
        switch result {
        case .value: return "value"
        case .done: return "done"
        case .cas: return "cas"
        case .entries: return "entries"
        case .rejected(.staleSequence): return "stale"
        case .rejected(.sessionExpired): return "expired"
        case .rejected(.emptyKey): return "emptyKey"
        case .rejected(.keyTooLarge): return "keyTooLarge"
        case .rejected(.valueTooLarge): return "valueTooLarge"
        case .rejected(let error): return "\(error)"
        }
    }

    static func randomOperation(_ random: inout SeededGenerator) -> KVOperation {
        let keys = ["a", "b", "ab", "abc", "b/1", "b/2", "", "toolong!"]
        let key = keys.randomElement(using: &random)!
        let value = String(repeating: "xyz".randomElement(using: &random)!, count: Int.random(in: 0...8, using: &random))
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return .get(key: key)
        case 1: return .put(key: key, value: value)
        case 2: return .delete(key: key)
        case 3: return .append(key: key, suffix: value)
        case 4: return .cas(key: key, expected: Bool.random(using: &random) ? nil : value, new: value + "!")
        default: return .list(prefix: String(key.prefix(1)), limit: Int.random(in: -1...3, using: &random))
        }
    }
}
