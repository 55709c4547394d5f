/// Single-server membership changes (dissertation §4.1): one change at a time, effective on append.
extension ReferenceRaft {
    public mutating func proposeMembershipChange(_ change: MembershipChange) throws(RaftError) -> LogPosition {
        try self.ensureAcceptingProposals()
        guard self.pendingMembershipIndex <= self.commit else {
            throw .membershipChangePending(index: self.pendingMembershipIndex)
        }
        switch change {
        case .addLearner(let id):
            guard !self.membership.members.contains(id) else { throw .invalidMembershipChange("node \(id) is already a member") }
        case .promote(let id):
            guard self.membership.learners.contains(id) else {
                throw .invalidMembershipChange("node \(id) is not a learner; add it as a learner first")
            }
            let match = self.progress[id]?.match ?? 0
            guard match >= self.commit else { throw .learnerNotCaughtUp(node: id, match: match, commit: self.commit) }
        case .remove(let id):
            guard self.membership.members.contains(id) else { throw .invalidMembershipChange("node \(id) is not a member") }
            guard self.membership.voters != [id] else { throw .invalidMembershipChange("cannot remove the last voter") }
        }
        let position = self.appendAsLeader(.membership(self.membership.applying(change)))
        self.pendingMembershipIndex = position.index
        return position
    }

    /// Keeps one progress record per member other than this leader.
    mutating func syncProgressWithMembership() {
        let others = self.membership.members.subtracting([self.id])
        for id in self.progress.keys where !others.contains(id) { self.progress[id] = nil }
        for id in others.sorted() where self.progress[id] == nil {
            self.progress[id] = FollowerProgress(next: self.log.lastIndex)
        }
    }
}
