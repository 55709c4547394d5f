import Foundation
import LabTestSupport
import RaftCore

/// Random persistence work for the randomized tests: readies with any mix of hard state, entries
/// (of every kind, possibly overwriting a suffix) and snapshot, and compactions.
struct RandomReadies {
    enum Step: CustomStringConvertible {
        case persist(RaftReady)
        case compact(Snapshot)
        case reopen

        var description: String {
            switch self {
            case .persist(let ready):
                let snapshot = ready.snapshot.map { " \($0)" } ?? ""
                let hardState = ready.hardState.map { " \($0)" } ?? ""
                return "persist(\(ready.entries.map(\.description))\(snapshot)\(hardState))"
            case .compact(let snapshot): return "compact(\(snapshot))"
            case .reopen: return "reopen"
            }
        }
    }

    var random: SeededGenerator

    /// The next step for a node whose stored state is `state`.
    mutating func step(after state: PersistentState) -> Step {
        let lastIndex = state.entries.last?.index ?? state.snapshot?.index ?? 0
        switch Int.random(in: 0..<100, using: &self.random) {
        case 0..<5: return .reopen
        case 5..<15: return .compact(self.snapshot(maxIndex: lastIndex))
        default: return .persist(self.ready(lastIndex: lastIndex))
        }
    }

    mutating func ready(lastIndex: LogIndex) -> RaftReady {
        var ready = RaftReady()
        if Bool.random(using: &self.random) {
            let vote: NodeID? = Bool.random(using: &self.random) ? nil : .random(in: 1...UInt64.max, using: &self.random)
            ready.hardState = HardState(
                term: .random(in: 0...50, using: &self.random), vote: vote, commit: .random(in: 0...lastIndex, using: &self.random))
        }
        var firstIndex = LogIndex.random(in: 1...lastIndex + 1, using: &self.random)
        if Int.random(in: 0..<10, using: &self.random) == 0 {
            let snapshot = self.snapshot(maxIndex: lastIndex + 3)
            ready.snapshot = snapshot
            firstIndex = snapshot.index + 1
        }
        if Int.random(in: 0..<10, using: &self.random) < 7 {
            let count = UInt64.random(in: 1...8, using: &self.random)
            let term = Term.random(in: 0...50, using: &self.random)
            ready.entries = (firstIndex..<firstIndex + count).map { LogEntry(index: $0, term: term, payload: self.payload()) }
        }
        return ready
    }

    mutating func snapshot(maxIndex: LogIndex) -> Snapshot {
        let size = Int.random(in: 0...64, using: &self.random)
        return Snapshot(
            index: .random(in: 0...maxIndex, using: &self.random), term: .random(in: 0...50, using: &self.random),
            membership: self.membership(), data: Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &self.random) }))
    }

    mutating func payload() -> LogEntry.Payload {
        switch Int.random(in: 0..<10, using: &self.random) {
        case 0: return .noop
        case 1: return .membership(self.membership())
        default:
            let size = Int.random(in: 0...32, using: &self.random)
            return .command(Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &self.random) }))
        }
    }

    mutating func membership() -> Membership {
        var voters: Set<NodeID> = [1]
        var learners: Set<NodeID> = []
        for id in NodeID(2)...7 {
            switch Int.random(in: 0..<3, using: &self.random) {
            case 0: voters.insert(id)
            case 1: learners.insert(id)
            default: break
            }
        }
        return Membership(voters: voters, learners: learners)
    }
}
