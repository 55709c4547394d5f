/// The follower side of replication: AppendEntries (§5.3) and InstallSnapshot (§7).
extension ReferenceRaft {
    mutating func handleAppend(_ request: AppendRequest, from leader: NodeID) {
        let previous = request.previous
        if previous.index < self.commit {
            // Everything through the commit index matches the leader's log already.
            let matched = min(self.commit, previous.index + LogIndex(request.entries.count))
            let fresh = request.entries.filter { $0.index > self.commit }
            if fresh.isEmpty {
                self.send(to: leader, .appendResponse(.accepted(matchIndex: max(matched, self.commit), sequence: request.sequence)))
                return
            }
            let anchor = LogPosition(index: self.commit, term: self.log.term(at: self.commit) ?? 0)
            self.acceptEntries(fresh, after: anchor, commit: request.commit, sequence: request.sequence, leader: leader)
            return
        }
        guard self.log.matches(previous) else {
            let hintTerm = self.log.term(at: previous.index)
            let hintIndex = hintTerm == nil ? self.log.lastIndex + 1 : self.log.firstIndex(ofTermAt: previous.index)
            self.send(to: leader, .appendResponse(.rejected(
                at: previous.index, hintTerm: hintTerm, hintIndex: max(hintIndex, self.commit + 1), sequence: request.sequence)))
            return
        }
        self.acceptEntries(request.entries, after: previous, commit: request.commit, sequence: request.sequence, leader: leader)
    }

    /// Appends entries that follow a matching position, replacing a conflicting suffix (§5.3, rule 3–5).
    private mutating func acceptEntries(
        _ entries: [LogEntry], after previous: LogPosition, commit: LogIndex, sequence: UInt64, leader: NodeID
    ) {
        for entry in entries {
            if let existing = self.log.term(at: entry.index) {
                if existing == entry.term { continue }
                self.truncateLog(from: entry.index)
            }
            self.appendToLog(entry)
        }
        let lastNew = entries.last?.index ?? previous.index
        self.commit = max(self.commit, min(commit, lastNew))
        self.send(to: leader, .appendResponse(.accepted(matchIndex: lastNew, sequence: sequence)))
    }

    mutating func handleSnapshot(_ snapshot: Snapshot, from leader: NodeID) {
        if snapshot.index <= self.commit {
            self.send(to: leader, .appendResponse(.accepted(matchIndex: self.commit, sequence: 0)))
            return
        }
        if self.log.entry(at: snapshot.index)?.term == snapshot.term {
            // The log already holds the snapshot's last entry: just learn that it is committed.
            self.commit = snapshot.index
        } else {
            self.log.restore(snapshot)
            self.unstableFrom = nil
            self.receivedSnapshot = snapshot
            self.commit = snapshot.index
            self.recomputeMembership()
        }
        self.send(to: leader, .appendResponse(.accepted(matchIndex: snapshot.index, sequence: 0)))
    }
}
