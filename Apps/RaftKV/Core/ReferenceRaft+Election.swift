/// Leader election (§5.2) with pre-vote (dissertation §9.6).
extension ReferenceRaft {
    /// Starts an election: first a pre-vote round unless leadership is being handed to this node.
    mutating func campaign(transfer: Bool) {
        if self.settings.preVote && !transfer {
            self.role = .preCandidate
            self.leader = nil
            self.votes = [self.id: true]
            self.resetElectionTimer()
            self.requestVotes(preVote: true, transfer: false)
        } else {
            self.becomeCandidate(transfer: transfer)
        }
        self.concludeElectionIfDecided()
    }

    private mutating func becomeCandidate(transfer: Bool) {
        self.term += 1
        self.vote = self.id
        self.role = .candidate
        self.leader = nil
        self.votes = [self.id: true]
        self.resetElectionTimer()
        self.requestVotes(preVote: false, transfer: transfer)
    }

    private mutating func requestVotes(preVote: Bool, transfer: Bool) {
        let request = VoteRequest(preVote: preVote, lastLog: self.log.lastPosition, leadershipTransfer: transfer)
        for voter in self.otherVoters {
            self.send(to: voter, term: preVote ? self.term + 1 : self.term, .voteRequest(request))
        }
    }

    mutating func handleVoteRequest(_ request: VoteRequest, from candidate: NodeID, term: Term) {
        let canVote = self.vote == candidate
            || (self.vote == nil && self.leader == nil)
            || (request.preVote && term > self.term)
        if canVote && self.log.isUpToDate(request.lastLog) {
            self.send(to: candidate, term: term, .voteResponse(VoteResponse(preVote: request.preVote, granted: true)))
            if !request.preVote {
                self.vote = candidate
                self.resetElectionTimer()
            }
        } else {
            self.send(to: candidate, .voteResponse(VoteResponse(preVote: request.preVote, granted: false)))
        }
    }

    mutating func handleVoteResponse(_ response: VoteResponse, from voter: NodeID, term: Term) {
        let expected: RaftRole = response.preVote ? .preCandidate : .candidate
        let expectedTerm = response.preVote ? self.term + 1 : self.term
        guard self.role == expected, response.granted ? term == expectedTerm : true,
              self.membership.voters.contains(voter)
        else { return }
        self.votes[voter] = response.granted
        self.concludeElectionIfDecided()
    }

    /// Wins with a quorum of grants; gives up once a quorum can no longer be reached.
    private mutating func concludeElectionIfDecided() {
        guard self.role == .preCandidate || self.role == .candidate else { return }
        let granted = self.votes.values.filter { $0 }.count
        let rejected = self.votes.count - granted
        if granted >= self.membership.quorum {
            if self.role == .preCandidate {
                self.becomeCandidate(transfer: false)
                self.concludeElectionIfDecided()
            } else {
                self.becomeLeader()
            }
        } else if rejected > self.membership.voters.count - self.membership.quorum {
            self.becomeFollower(term: self.term, leader: nil)
        }
    }
}
