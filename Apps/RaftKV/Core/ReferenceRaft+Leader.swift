/// The leader: log replication (§5.3), commitment (§5.4.2), heartbeats and check-quorum.
extension ReferenceRaft {
    mutating func becomeLeader() {
        self.role = .leader
        self.leader = self.id
        self.votes.removeAll()
        self.transferTarget = nil
        self.heartbeatElapsed = 0
        self.electionElapsed = 0
        self.reads = ReadTracker()
        self.progress.removeAll()
        for member in self.membership.members.subtracting([self.id]) {
            self.progress[member] = FollowerProgress(next: self.log.lastIndex + 1)
        }
        // An entry of the new term lets earlier entries commit; membership changes wait for it.
        let noop = self.appendAsLeader(.noop)
        self.pendingMembershipIndex = noop.index
    }

    func ensureAcceptingProposals() throws(RaftError) {
        guard self.role == .leader else { throw .notLeader(leader: self.leader) }
        if let target = self.transferTarget { throw .transferInProgress(to: target) }
    }

    @discardableResult
    mutating func appendAsLeader(_ payload: LogEntry.Payload) -> LogPosition {
        let entry = LogEntry(index: self.log.lastIndex + 1, term: self.term, payload: payload)
        self.appendToLog(entry)
        if case .membership = payload { self.syncProgressWithMembership() }
        self.advanceCommit()
        return entry.position
    }

    mutating func tickLeader() {
        self.heartbeatElapsed += 1
        self.electionElapsed += 1
        if self.electionElapsed >= self.settings.electionTicks {
            self.electionElapsed = 0
            self.transferTarget = nil
            if self.settings.checkQuorum && !self.quorumRecentlyActive() {
                self.becomeFollower(term: self.term, leader: nil)
                return
            }
        }
        if self.heartbeatElapsed >= self.settings.heartbeatTicks {
            self.heartbeatElapsed = 0
            self.broadcastHeartbeat()
        }
    }

    /// Check-quorum: whether a quorum (this leader included) was heard from since the last check.
    private mutating func quorumRecentlyActive() -> Bool {
        var active = self.membership.voters.contains(self.id) ? 1 : 0
        for id in self.progress.keys.sorted() {
            if self.progress[id]!.recentlyActive && self.membership.voters.contains(id) { active += 1 }
            self.progress[id]!.recentlyActive = false
        }
        return active >= self.membership.quorum
    }

    /// Heartbeats double as probes: a follower whose log diverged answers with a rejection.
    mutating func broadcastHeartbeat() {
        for id in self.progress.keys.sorted() {
            switch self.progress[id]!.mode {
            case .probe:
                self.progress[id]!.probeSent = false
                self.sendAppend(to: id)
            case .replicate:
                self.sendAppend(to: id, withEntries: false)
            case .snapshot:
                // The snapshot or its answer may have been lost: after a while, probe again.
                self.progress[id]!.ticksInSnapshot += self.settings.heartbeatTicks
                if self.progress[id]!.ticksInSnapshot >= self.settings.electionTicks {
                    self.progress[id]!.becomeProbe(next: self.progress[id]!.match + 1)
                    self.sendAppend(to: id)
                }
            }
        }
    }

    /// Sends what each follower can take now: the batching and pipelining of AppendEntries.
    mutating func flush() {
        let readRound = self.reads.takeRoundToBroadcast()
        for id in self.progress.keys.sorted() {
            var sent = false
            switch self.progress[id]!.mode {
            case .probe:
                if !self.progress[id]!.probeSent {
                    self.sendAppend(to: id)
                    sent = true
                }
            case .replicate:
                while !self.progress[id]!.isPaused(maxInflight: self.settings.maxInflightMessages),
                      self.progress[id]!.next <= self.log.lastIndex, self.progress[id]!.mode == .replicate {
                    self.sendAppend(to: id)
                    sent = true
                }
            case .snapshot:
                sent = true
            }
            if !sent && (self.commitAdvanced || readRound) {
                self.sendAppend(to: id, withEntries: false)
            }
        }
        self.commitAdvanced = false
    }

    /// Sends one AppendEntries starting at the follower's `next`, or the snapshot when those entries are compacted.
    mutating func sendAppend(to id: NodeID, withEntries: Bool = true) {
        guard var progress = self.progress[id] else { return }
        let previousIndex = progress.next - 1
        guard let previousTerm = self.log.term(at: previousIndex) else {
            self.sendSnapshot(to: id)
            return
        }
        let entries = withEntries
            ? self.log.entries(
                from: progress.next, through: self.log.lastIndex,
                maxCount: self.settings.maxEntriesPerMessage, maxBytes: self.settings.maxBytesPerMessage)
            : []
        let request = AppendRequest(
            previous: LogPosition(index: previousIndex, term: previousTerm), entries: entries,
            commit: self.commit, sequence: self.reads.sequence)
        self.send(to: id, .append(request))
        if withEntries {
            progress.sent(through: entries.last?.index ?? previousIndex, entryCount: entries.count)
        }
        self.progress[id] = progress
    }

    private mutating func sendSnapshot(to id: NodeID) {
        guard let snapshot = self.log.snapshot else { return }
        self.progress[id]!.becomeSnapshot(index: snapshot.index)
        self.send(to: id, .installSnapshot(snapshot))
    }

    mutating func handleAppendResponse(_ response: AppendResponse, from id: NodeID) {
        guard var progress = self.progress[id] else { return }
        progress.recentlyActive = true
        progress.acknowledgedSequence = max(progress.acknowledgedSequence, response.sequence)
        if response.success {
            _ = progress.acknowledge(through: response.matchIndex)
            switch progress.mode {
            case .probe:
                progress.becomeReplicate()
            case .snapshot(let index) where progress.match >= index:
                progress.becomeReplicate()
            default:
                break
            }
            self.progress[id] = progress
            self.advanceCommit()
            if self.transferTarget == id && progress.match == self.log.lastIndex { self.send(to: id, .timeoutNow) }
        } else if response.rejectedIndex > progress.match {
            let next = self.nextIndexAfterRejection(response)
            switch progress.mode {
            case .replicate:
                progress.becomeProbe(next: next)
            case .probe where response.rejectedIndex == progress.next - 1:
                progress.becomeProbe(next: next)
            default:
                self.progress[id] = progress
                self.confirmReads()
                return
            }
            self.progress[id] = progress
            self.sendAppend(to: id)
        } else {
            self.progress[id] = progress
        }
        self.confirmReads()
    }

    /// Fast backtracking: skip a whole conflicting term per round trip instead of one entry.
    private func nextIndexAfterRejection(_ response: AppendResponse) -> LogIndex {
        var next = response.hintIndex
        if let conflictTerm = response.hintTerm, let last = self.log.lastIndex(ofTerm: conflictTerm) {
            next = last + 1
        }
        return min(next, response.rejectedIndex)
    }

    /// Commits the highest index stored on a quorum, if it is of the current term (Figure 8).
    mutating func advanceCommit() {
        guard self.role == .leader else { return }
        var matches = self.progress.filter { self.membership.voters.contains($0.key) }.map(\.value.match)
        if self.membership.voters.contains(self.id) { matches.append(self.log.lastIndex) }
        guard matches.count >= self.membership.quorum else { return }
        matches.sort(by: >)
        let candidate = matches[self.membership.quorum - 1]
        guard candidate > self.commit, self.log.term(at: candidate) == self.term else { return }
        self.commit = candidate
        self.commitAdvanced = true
        for id in self.reads.takeWaitingForCommit() { self.registerRead(id) }
        if !self.membership.voters.contains(self.id) && self.membershipIndex <= self.commit {
            // This leader removed itself and the change is committed: hand over by stepping down.
            self.becomeFollower(term: self.term, leader: nil)
        }
    }
}
