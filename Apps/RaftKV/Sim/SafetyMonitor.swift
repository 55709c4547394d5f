import RaftCore

/// Watches Raft's safety properties on every step of a simulation (extended Raft paper, Figure 3):
/// election safety (one leader per term) and state-machine safety (every node applies the same
/// entry at each index, in order, without gaps). Violations are collected, never trapped, so a test
/// can report them with the seed and the trace.
struct SafetyMonitor {
    private(set) var violations: [String] = []
    private var leaderOfTerm: [Term: NodeID] = [:]
    /// What was applied at each index, by whichever node applied it first.
    private(set) var appliedEntries: [LogIndex: LogEntry] = [:]

    mutating func observeLeader(_ id: NodeID, term: Term) {
        if let other = self.leaderOfTerm[term], other != id {
            self.violations.append("election safety: nodes \(other) and \(id) both led term \(term)")
        }
        self.leaderOfTerm[term] = id
    }

    mutating func observeApply(_ entry: LogEntry, by node: NodeID, after previous: LogIndex) {
        if entry.index != previous + 1 {
            self.violations.append("node \(node) applied entry \(entry.index) right after \(previous)")
        }
        if let first = self.appliedEntries[entry.index] {
            if first != entry {
                self.violations.append("state machine safety: node \(node) applied \(entry) at \(entry.index), another node applied \(first)")
            }
        } else {
            self.appliedEntries[entry.index] = entry
        }
    }

    mutating func record(_ violation: String) { self.violations.append(violation) }
}
