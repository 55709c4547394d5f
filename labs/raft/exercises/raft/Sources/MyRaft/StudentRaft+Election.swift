import RaftCore

/// Part 3A: leader election (extended Raft paper §5.2 and §5.4.1; Figure 2, "RequestVote RPC" and
/// "Rules for Servers"). Passing 3A means: one leader is elected, it keeps its leadership while
/// nothing fails (heartbeats), and a new one is elected when it is cut off.
///
/// Heartbeats are AppendEntries without entries, so 3A also needs the heartbeat half of two 3B
/// functions in `StudentRaft+Replication.swift`: `sendAppend` (send an empty AppendEntries) and
/// `handleAppend` (reject a stale term; otherwise follow the sender and restart the election timer).
extension StudentRaft {
    /// One tick of logical time (the simulator sends one every few milliseconds of virtual time).
    ///
    /// TODO(3A): a follower or candidate counts `electionElapsed` up and calls `startElection()` once
    /// it reaches `electionTimeout` (§5.2). A leader instead counts `heartbeatElapsed` and, every
    /// `settings.heartbeatTicks`, sends every peer an AppendEntries (`sendAppend(to:)`, which is
    /// a heartbeat when there is nothing new to send).
    public mutating func tick() {
    }

    /// Becomes a candidate and asks for votes (§5.2): increments `currentTerm`, votes for itself,
    /// starts a new election timeout and sends every peer a `.voteRequest` carrying its last log
    /// position (`log.lastPosition`, for §5.4.1). A single-node cluster wins at once.
    ///
    /// TODO(3A). Hint: `VoteRequest(preVote: false, lastLog: ...)`; count your own vote in `votesGranted`.
    mutating func startElection() {
    }

    /// Any message with a higher term than ours makes us a follower of that term (Figure 2, "All
    /// Servers"); `leader` is the sender when the message comes from that term's leader.
    ///
    /// TODO(3A): set `role`, `currentTerm`, `leader`; forget `votedFor` when the term changes;
    /// start a new election timeout.
    mutating func becomeFollower(term: Term, leader: NodeID?) {
    }

    /// Answers a RequestVote (Figure 2, "RequestVote RPC", receiver implementation).
    ///
    /// TODO(3A): grant the vote when the candidate's term is current, this node has not voted for
    /// someone else in this term, and the candidate's log is at least as up to date as ours
    /// (`log.isUpToDate(request.lastLog)`, §5.4.1). Remember the vote and restart the election timer
    /// when granting it. Answer with `.voteResponse(VoteResponse(preVote: false, granted: ...))`.
    /// (`step` has already handled a higher term by calling `becomeFollower`.)
    mutating func handleVoteRequest(from candidate: NodeID, term: Term, _ request: VoteRequest) {
    }

    /// Counts a vote (§5.2).
    ///
    /// TODO(3A): only while a candidate in the same term; once a majority (`quorum`) granted
    /// their vote, `becomeLeader()`.
    mutating func handleVoteResponse(from voter: NodeID, term: Term, _ response: VoteResponse) {
    }

    /// Takes office (§5.2, §5.3, §8).
    ///
    /// TODO(3A): set the role and leader, reset `heartbeatElapsed`, and send every peer an
    /// AppendEntries at once so that nobody else starts an election.
    /// TODO(3B): first set every peer's `nextIndex` to our last index + 1 and `matchIndex` to 0,
    /// then append a `.noop` entry of the new term: a leader may only count replicas to commit
    /// entries of its own term (§5.4.2), and the no-op lets it commit everything before it at once.
    mutating func becomeLeader() {
    }
}
