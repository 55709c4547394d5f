/// A message between two Raft members. Every message carries the sender's term.
public struct RaftMessage: Sendable, Hashable, Codable, CustomStringConvertible {
    public var from: NodeID
    public var to: NodeID
    public var term: Term
    public var payload: Payload

    public init(from: NodeID, to: NodeID, term: Term, payload: Payload) {
        self.from = from
        self.to = to
        self.term = term
        self.payload = payload
    }

    /// What a message asks or answers.
    public enum Payload: Sendable, Hashable, Codable {
        case voteRequest(VoteRequest)
        case voteResponse(VoteResponse)
        case append(AppendRequest)
        case appendResponse(AppendResponse)
        case installSnapshot(Snapshot)
        /// From a leader handing over leadership: start an election now, ignoring pre-vote and leases.
        case timeoutNow
    }

    /// Whether this message is a request a leader sends to its followers.
    public var isFromLeader: Bool {
        switch self.payload {
        case .append, .installSnapshot, .timeoutNow: return true
        case .voteRequest, .voteResponse, .appendResponse: return false
        }
    }

    public var description: String {
        let body: String
        switch self.payload {
        case .voteRequest(let r):
            body = "\(r.preVote ? "PreVote" : "Vote")(last=\(r.lastLog)\(r.leadershipTransfer ? " transfer" : ""))"
        case .voteResponse(let r):
            body = "\(r.preVote ? "PreVote" : "Vote")Resp(\(r.granted ? "granted" : "rejected"))"
        case .append(let r):
            let entries = r.entries.isEmpty ? "" : " entries=\(r.entries.first!.index)…\(r.entries.last!.index)"
            body = "Append(prev=\(r.previous)\(entries) commit=\(r.commit) seq=\(r.sequence))"
        case .appendResponse(let r):
            body = r.success
                ? "AppendResp(ok match=\(r.matchIndex) seq=\(r.sequence))"
                : "AppendResp(reject at=\(r.rejectedIndex) hint=\(r.hintIndex)\(r.hintTerm.map { "@t\($0)" } ?? ""))"
        case .installSnapshot(let s): body = "InstallSnapshot(\(s.index)@t\(s.term), \(s.data.count)B)"
        case .timeoutNow: body = "TimeoutNow"
        }
        return "\(self.from)→\(self.to) t\(self.term) \(body)"
    }
}

/// RequestVote (§5.2), or PreVote (dissertation §9.6) when `preVote` is set: a pre-vote asks
/// "would you vote for me in term `message.term`?" without anyone changing term or vote.
public struct VoteRequest: Sendable, Hashable, Codable {
    public var preVote: Bool
    /// The candidate's last log position, for the up-to-date check (§5.4.1).
    public var lastLog: LogPosition
    /// Set when the election follows a leadership transfer: voters ignore their leader lease.
    public var leadershipTransfer: Bool

    public init(preVote: Bool, lastLog: LogPosition, leadershipTransfer: Bool = false) {
        self.preVote = preVote
        self.lastLog = lastLog
        self.leadershipTransfer = leadershipTransfer
    }
}

/// The answer to a `VoteRequest`. A granted pre-vote carries the term that was asked about.
public struct VoteResponse: Sendable, Hashable, Codable {
    public var preVote: Bool
    public var granted: Bool

    public init(preVote: Bool, granted: Bool) {
        self.preVote = preVote
        self.granted = granted
    }
}

/// AppendEntries (§5.3); with no entries it is a heartbeat.
public struct AppendRequest: Sendable, Hashable, Codable {
    /// The position just before `entries`, which the follower's log must contain.
    public var previous: LogPosition
    public var entries: [LogEntry]
    /// The leader's commit index.
    public var commit: LogIndex
    /// The leader's read round when this was sent; echoed back so that a quorum of answers to
    /// round `n` or later confirms leadership for reads registered in round `n` (ReadIndex, §6.4).
    public var sequence: UInt64

    public init(previous: LogPosition, entries: [LogEntry], commit: LogIndex, sequence: UInt64) {
        self.previous = previous
        self.entries = entries
        self.commit = commit
        self.sequence = sequence
    }
}

/// The answer to an `AppendRequest` or an installed snapshot.
public struct AppendResponse: Sendable, Hashable, Codable {
    public var success: Bool
    /// On success: the last index known to match the leader's log.
    public var matchIndex: LogIndex
    /// On rejection: the `previous.index` that did not match, so the leader can ignore stale answers.
    public var rejectedIndex: LogIndex
    /// On rejection, fast backtracking: the term of the follower's conflicting entry (nil when its log
    /// is too short) and the first index the leader should try: the first index of `hintTerm` in the
    /// follower's log, or the follower's last index + 1.
    public var hintTerm: Term?
    public var hintIndex: LogIndex
    public var sequence: UInt64

    public static func accepted(matchIndex: LogIndex, sequence: UInt64) -> AppendResponse {
        AppendResponse(success: true, matchIndex: matchIndex, rejectedIndex: 0, hintTerm: nil, hintIndex: 0, sequence: sequence)
    }

    public static func rejected(at index: LogIndex, hintTerm: Term?, hintIndex: LogIndex, sequence: UInt64) -> AppendResponse {
        AppendResponse(success: false, matchIndex: 0, rejectedIndex: index, hintTerm: hintTerm, hintIndex: hintIndex, sequence: sequence)
    }
}
