/// What a node needs done after a batch of inputs, in this order:
///
/// 1. **Persist** `snapshot` (replacing the log), then `entries` (an entry replaces any stored entry
///    with the same or a higher index), then `hardState` — durably, before anything below.
/// 2. **Send** `messages`.
/// 3. **Apply** `snapshot` to the application (restore it), then `committedEntries` in order.
/// 4. Serve the reads of `readStates` once the application has applied up to their index.
///
/// Take a ready after any number of inputs (`tick`, `step`, `propose`…) and finish it before the next
/// input: a shell that persists once per ready gets group commit for free. A shell that follows
/// this contract never breaks Raft's safety when it crashes at any point.
public struct RaftReady: Sendable, Hashable {
    /// The new term, vote and commit index, when they changed.
    public var hardState: HardState?
    /// New log entries; the first one may overwrite a conflicting suffix of the stored log.
    public var entries: [LogEntry]
    /// A snapshot received from the leader: persist it in place of the log and restore the application from it.
    public var snapshot: Snapshot?
    public var messages: [RaftMessage]
    /// Newly committed entries to apply, in index order.
    public var committedEntries: [LogEntry]
    /// Reads whose linearization point is known (ReadIndex).
    public var readStates: [ReadState]
    /// The role and leader, when they changed.
    public var roleChange: RoleChange?

    public init(
        hardState: HardState? = nil, entries: [LogEntry] = [], snapshot: Snapshot? = nil, messages: [RaftMessage] = [],
        committedEntries: [LogEntry] = [], readStates: [ReadState] = [], roleChange: RoleChange? = nil
    ) {
        self.hardState = hardState
        self.entries = entries
        self.snapshot = snapshot
        self.messages = messages
        self.committedEntries = committedEntries
        self.readStates = readStates
        self.roleChange = roleChange
    }

    /// Whether there is nothing to do.
    public var isEmpty: Bool {
        self.hardState == nil && self.entries.isEmpty && self.snapshot == nil && self.messages.isEmpty
            && self.committedEntries.isEmpty && self.readStates.isEmpty && self.roleChange == nil
    }
}

/// A read registered with `RaftNode.requestRead`, now safe to serve: once the application has applied
/// `index`, its state reflects every write acknowledged before the read was requested.
public struct ReadState: Sendable, Hashable, Codable {
    public var requestID: UInt64
    public var index: LogIndex

    public init(requestID: UInt64, index: LogIndex) {
        self.requestID = requestID
        self.index = index
    }
}

/// A node's role and the leader it knows of.
public struct RoleChange: Sendable, Hashable, Codable {
    public var role: RaftRole
    public var term: Term
    public var leader: NodeID?

    public init(role: RaftRole, term: Term, leader: NodeID?) {
        self.role = role
        self.term = term
        self.leader = leader
    }
}

/// The roles of a Raft member.
public enum RaftRole: String, Sendable, Hashable, Codable {
    case follower, preCandidate, candidate, leader
    /// A non-voting member: receives the log, never campaigns.
    case learner
}
