import Foundation
import RaftCore

/// Part 3B: log replication (§5.3 and §5.4; Figure 2, "AppendEntries RPC"). Passing 3B means:
/// commands proposed to the leader are committed and applied by every node in the same order, a
/// follower that was away catches up, and a conflicting suffix is replaced by the leader's.
extension StudentRaft {
    /// Routes a message from another node to its handler. Given.
    public mutating func step(_ message: RaftMessage) {
        if message.term > self.currentTerm {
            self.becomeFollower(term: message.term, leader: message.isFromLeader ? message.from : nil)
        }
        switch message.payload {
        case .voteRequest(let request):
            self.handleVoteRequest(from: message.from, term: message.term, request)
        case .voteResponse(let response):
            self.handleVoteResponse(from: message.from, term: message.term, response)
        case .append(let request):
            self.handleAppend(from: message.from, term: message.term, request)
        case .appendResponse(let response):
            self.handleAppendResponse(from: message.from, term: message.term, response)
        case .installSnapshot(let snapshot):
            self.handleInstallSnapshot(from: message.from, term: message.term, snapshot)
        case .timeoutNow:
            break  // leadership transfer is not part of this exercise
        }
    }

    /// Appends a client's command to the leader's log and returns where it landed; the simulator
    /// answers the client once an entry with that index and term is applied.
    ///
    /// TODO(3B): only a leader accepts proposals: anyone else throws `.notLeader(leader: leader)`
    /// so that the client retries at the leader it knows. The leader appends
    /// `LogEntry(index: log.lastIndex + 1, term: currentTerm, payload: .command(command))` with
    /// `appendToLog` and calls `advanceCommitIndex()` (a single-node cluster commits at once).
    /// Do not send here: the next heartbeat, or the answer to the previous AppendEntries, carries
    /// every entry proposed meanwhile in one message (`rpc-count` allows 20 messages to commit 10
    /// commands proposed together).
    public mutating func propose(_ command: Data) throws(RaftError) -> LogPosition {
        throw .notLeader(leader: self.leader)
    }

    /// Sends `peer` the entries from its `nextIndex` on, or a heartbeat when it has them all.
    ///
    /// TODO(3A): send `.append(AppendRequest(previous: log.lastPosition, entries: [], commit: 0, sequence: 0))`,
    /// a heartbeat, until you do 3B.
    /// TODO(3B): send `.append(AppendRequest(previous: …, entries: …, commit: commitIndex, sequence: 0))`
    /// where `previous` is the position just before `nextIndex` (`log.term(at:)` gives its term) and
    /// `entries` come from `log.entries(from:through:maxCount:maxBytes:)`, capped by
    /// `settings.maxEntriesPerMessage` and `settings.maxBytesPerMessage`.
    /// TODO(3D): when `nextIndex` is at or before `log.snapshotIndex`, those entries are gone:
    /// send the snapshot instead (`if let snapshot = log.snapshot { send(to: peer, .installSnapshot(snapshot)) }`).
    mutating func sendAppend(to peer: NodeID) {
    }

    /// Receives entries (or a heartbeat) from the leader (Figure 2, "AppendEntries RPC", receiver).
    ///
    /// TODO(3A): reject a stale term (answer with your term so the old leader steps down). Otherwise
    /// this is the leader of our term: become (or stay) its follower and restart the election timer.
    /// TODO(3B): if the log does not contain `request.previous` (`log.matches`), reject with
    /// `AppendResponse.rejected(at: previous.index, hintTerm:hintIndex:sequence:)`; the hints let
    /// the leader skip a whole term per round trip (§5.3, "fast backtracking"): `hintTerm` is the
    /// term of our entry at that index (nil when our log is shorter) and `hintIndex` the first
    /// index of that term in our log (`log.firstIndex(ofTermAt:)`), or our last index + 1.
    /// Otherwise append the entries that are new, truncating at the first one whose term conflicts
    /// (never truncate entries that match: the message may be old or duplicated), raise
    /// `commitIndex` to `min(request.commit, previous.index + entries.count)` (never lower it), and
    /// answer `AppendResponse.accepted(matchIndex: previous.index + entries.count, sequence: 0)`.
    /// TODO(3D): skip entries at or before `log.snapshotIndex`: they are already in your snapshot
    /// (`log.matches` counts a position inside the snapshot as matching).
    mutating func handleAppend(from leader: NodeID, term: Term, _ request: AppendRequest) {
    }

    /// Learns how far a follower's log matches ours.
    ///
    /// TODO(3B): ignore answers from an older term or when no longer leader. On success raise the
    /// peer's `matchIndex` (never lower it: answers arrive out of order) and `nextIndex`, then
    /// `advanceCommitIndex()`, and send more if the peer is still behind. Ignore a rejection with
    /// `rejectedIndex <= matchIndex` (it answers an old message). Otherwise move `nextIndex` back
    /// using the hints: to the entry after our last entry of `hintTerm` when we have that term
    /// (`log.lastIndex(ofTerm:)`), otherwise to `hintIndex`; never above `rejectedIndex`, never
    /// below `matchIndex + 1`; then resend.
    mutating func handleAppendResponse(from peer: NodeID, term: Term, _ response: AppendResponse) {
    }

    /// Commits what a majority has (§5.3, §5.4.2).
    ///
    /// TODO(3B): find the highest index `n > commitIndex` that a majority of voters (the leader
    /// included, with its last index) have in their logs, and whose entry is of `currentTerm`;
    /// set `commitIndex = n`. The next ready then applies the newly committed entries.
    mutating func advanceCommitIndex() {
    }
}
