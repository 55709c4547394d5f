/// Leadership transfer (dissertation §3.10): bring the target up to date, then tell it to campaign now.
extension ReferenceRaft {
    public mutating func transferLeadership(to target: NodeID) throws(RaftError) {
        guard self.role == .leader else { throw .notLeader(leader: self.leader) }
        guard target != self.id, self.membership.voters.contains(target), let progress = self.progress[target] else {
            throw .invalidTransferTarget(target)
        }
        // Proposals pause until the transfer completes or an election timeout passes.
        self.transferTarget = target
        self.electionElapsed = 0
        if progress.match == self.log.lastIndex {
            self.send(to: target, .timeoutNow)
        } else {
            self.sendAppend(to: target)
        }
    }
}
