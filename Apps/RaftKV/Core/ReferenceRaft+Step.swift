/// Receiving a message: the term rules common to every role (§5.1), then the role's own handling.
extension ReferenceRaft {
    public mutating func step(_ message: RaftMessage) {
        guard message.to == self.id else { return }
        if message.term > self.term {
            guard self.acceptHigherTerm(message) else { return }
        } else if message.term < self.term {
            self.answerStaleSender(message)
            return
        }

        switch message.payload {
        case .voteRequest(let request):
            self.handleVoteRequest(request, from: message.from, term: message.term)
        case .voteResponse(let response):
            self.handleVoteResponse(response, from: message.from, term: message.term)
        case .append(let request):
            self.becomeFollowerOf(message.from)
            self.handleAppend(request, from: message.from)
        case .installSnapshot(let snapshot):
            self.becomeFollowerOf(message.from)
            self.handleSnapshot(snapshot, from: message.from)
        case .timeoutNow:
            self.becomeFollowerOf(message.from)
            if self.isPromotable { self.campaign(transfer: true) }
        case .appendResponse(let response):
            if self.role == .leader { self.handleAppendResponse(response, from: message.from) }
        }
    }

    /// A message from a higher term: usually adopt the term. Returns false to drop the message.
    private mutating func acceptHigherTerm(_ message: RaftMessage) -> Bool {
        switch message.payload {
        case .voteRequest(let request):
            // A follower that heard from its leader within the election timeout keeps it (its lease),
            // so a partitioned node rejoining with a high term cannot depose a healthy leader.
            let inLease = self.settings.checkQuorum && self.leader != nil
                && self.electionElapsed < self.settings.electionTicks
            if inLease && !request.leadershipTransfer { return false }
            // A pre-vote never changes anyone's term.
            if request.preVote { return true }
            self.becomeFollower(term: message.term, leader: nil)
        case .voteResponse(let response) where response.preVote && response.granted:
            // Carries the term this node would campaign in; adopting it happens when it does.
            return true
        default:
            self.becomeFollower(term: message.term, leader: message.isFromLeader ? message.from : nil)
        }
        return true
    }

    /// A message from an older term: tell the sender our term, so a stale leader or candidate steps down.
    private mutating func answerStaleSender(_ message: RaftMessage) {
        switch message.payload {
        case .append(let request):
            self.send(to: message.from, .appendResponse(.rejected(
                at: request.previous.index, hintTerm: nil, hintIndex: self.log.lastIndex + 1, sequence: request.sequence)))
        case .installSnapshot(let snapshot):
            self.send(to: message.from, .appendResponse(.rejected(
                at: snapshot.index, hintTerm: nil, hintIndex: self.log.lastIndex + 1, sequence: 0)))
        case .voteRequest(let request):
            self.send(to: message.from, .voteResponse(VoteResponse(preVote: request.preVote, granted: false)))
        case .voteResponse, .appendResponse, .timeoutNow:
            break
        }
    }

    mutating func becomeFollower(term: Term, leader: NodeID?) {
        if term != self.term {
            self.term = term
            self.vote = nil
        }
        self.role = .follower
        self.leader = leader
        self.votes.removeAll()
        self.progress.removeAll()
        self.transferTarget = nil
        self.reads = ReadTracker()
        self.resetElectionTimer()
    }

    /// A message from the leader of the current term: follow it (a candidate of this term gives up).
    private mutating func becomeFollowerOf(_ leader: NodeID) {
        if self.role != .follower || self.leader != leader {
            self.becomeFollower(term: self.term, leader: leader)
        }
        self.electionElapsed = 0
    }
}
