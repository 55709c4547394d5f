/// How a Raft node behaves, in ticks (the shell decides how long a tick is; 10–100 ms is typical).
public struct RaftSettings: Sendable, Hashable, Codable {
    /// This node.
    public var id: NodeID
    /// The voters of a brand-new cluster. Ignored when the node restarts from persisted state that
    /// already has a membership; empty for a node that will be added to a running cluster.
    public var initialVoters: Set<NodeID>
    /// A follower that hears nothing from a leader for a random number of ticks in
    /// `electionTicks ..< 2 * electionTicks` starts an election.
    public var electionTicks: Int
    /// A leader sends heartbeats every `heartbeatTicks`.
    public var heartbeatTicks: Int
    /// Ask for pre-votes before disrupting the cluster with a higher term (dissertation §9.6).
    public var preVote: Bool
    /// A leader that has not heard from a quorum within an election timeout steps down, and a
    /// follower that heard from its leader within that time ignores vote requests (its leader lease).
    public var checkQuorum: Bool
    /// How reads are confirmed.
    public var readMode: ReadMode
    /// Batching: at most this many entries and bytes per AppendEntries.
    public var maxEntriesPerMessage: Int
    public var maxBytesPerMessage: Int
    /// Pipelining: at most this many unanswered AppendEntries per follower.
    public var maxInflightMessages: Int
    /// Seeds the randomized election timeouts, so that a simulation replays exactly.
    public var randomSeed: UInt64

    public init(
        id: NodeID, initialVoters: Set<NodeID>, electionTicks: Int = 10, heartbeatTicks: Int = 1, preVote: Bool = true,
        checkQuorum: Bool = true, readMode: ReadMode = .readIndex, maxEntriesPerMessage: Int = 64,
        maxBytesPerMessage: Int = 1 << 20, maxInflightMessages: Int = 64, randomSeed: UInt64? = nil
    ) {
        self.id = id
        self.initialVoters = initialVoters
        self.electionTicks = electionTicks
        self.heartbeatTicks = heartbeatTicks
        self.preVote = preVote
        self.checkQuorum = checkQuorum
        self.readMode = readMode
        self.maxEntriesPerMessage = maxEntriesPerMessage
        self.maxBytesPerMessage = maxBytesPerMessage
        self.maxInflightMessages = maxInflightMessages
        self.randomSeed = randomSeed ?? id
    }
}

/// How a leader makes sure a read is not stale.
public enum ReadMode: String, Sendable, Hashable, Codable {
    /// ReadIndex (dissertation §6.4): note the commit index, confirm leadership with a round of
    /// heartbeats, serve once that index is applied. Safe whatever the clocks do.
    case readIndex
    /// Lease read (§6.4.1): skip the heartbeat round while the leader heard from a quorum within the
    /// last election timeout. Requires `checkQuorum`, and assumes clocks run at nearly the same rate:
    /// a follower's clock running faster than the leader's can let it elect a new leader while the old
    /// one still believes its lease holds, and then a read can be stale.
    case lease
}
