/// Linearizable reads: ReadIndex by default, lease reads when configured (dissertation §6.4).
extension ReferenceRaft {
    public mutating func requestRead(id: UInt64) throws(RaftError) {
        guard self.role == .leader else { throw .notLeader(leader: self.leader) }
        if self.log.term(at: self.commit) == self.term {
            self.registerRead(id)
        } else {
            self.reads.wait(forCommit: id)
        }
    }

    mutating func registerRead(_ id: UInt64) {
        let soleVoter = self.membership.voters == [self.id]
        if soleVoter || (self.settings.readMode == .lease && self.settings.checkQuorum) {
            self.readyReads.append(ReadState(requestID: id, index: self.commit))
        } else {
            self.reads.register(id: id, index: self.commit)
        }
    }

    /// Serves the reads whose heartbeat round a quorum has answered.
    mutating func confirmReads() {
        var acknowledged = self.membership.voters.sorted().compactMap { self.progress[$0]?.acknowledgedSequence }
        if self.membership.voters.contains(self.id) { acknowledged.append(self.reads.sequence) }
        self.readyReads.append(contentsOf: self.reads.confirmed(acknowledged: acknowledged, quorum: self.membership.quorum))
    }
}
