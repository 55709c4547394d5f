import LabSim
import RaftCore

/// How a simulated cluster is set up. Every number here is virtual: a 10-second run takes
/// milliseconds of real time.
public struct ClusterOptions: Sendable {
    public var nodeCount: Int
    /// How many of the nodes form the initial membership (nil: all); the rest start empty, outside
    /// the cluster, ready to be added with a membership change.
    public var initialVoterCount: Int?
    public var seed: UInt64
    /// One tick of the Raft core; the core's election timeout is `electionTicks` of these.
    public var tickInterval: Duration
    public var electionTicks: Int
    public var heartbeatTicks: Int
    public var preVote: Bool
    public var checkQuorum: Bool
    public var readMode: ReadMode
    /// Each node's clock runs up to this fraction faster or slower than real time (0.1 = ±10 %).
    public var clockSkew: Double
    public var network: NetworkConditions
    /// Compact the log once this many applied entries follow the last snapshot (nil: never).
    public var snapshotInterval: Int?
    /// Keep the readable timeline (costs time; randomized runs switch it on to replay a failure).
    public var tracing: Bool

    public init(
        nodeCount: Int = 3, seed: UInt64 = 1, tickInterval: Duration = .milliseconds(10), electionTicks: Int = 15,
        heartbeatTicks: Int = 3, preVote: Bool = true, checkQuorum: Bool = true, readMode: ReadMode = .readIndex,
        clockSkew: Double = 0.05, network: NetworkConditions = .reliable, snapshotInterval: Int? = nil, tracing: Bool = true
    ) {
        self.nodeCount = nodeCount
        self.initialVoterCount = nil
        self.seed = seed
        self.tickInterval = tickInterval
        self.electionTicks = electionTicks
        self.heartbeatTicks = heartbeatTicks
        self.preVote = preVote
        self.checkQuorum = checkQuorum
        self.readMode = readMode
        self.clockSkew = clockSkew
        self.network = network
        self.snapshotInterval = snapshotInterval
        self.tracing = tracing
    }

    /// The election timeout in virtual time (its lower bound; each node randomizes up to twice this).
    public var electionTimeout: Duration { self.tickInterval * self.electionTicks }

    func settings(for id: NodeID, voters: Set<NodeID>, incarnation: Int) -> RaftSettings {
        RaftSettings(
            id: id, initialVoters: voters, electionTicks: self.electionTicks, heartbeatTicks: self.heartbeatTicks,
            preVote: self.preVote, checkQuorum: self.checkQuorum, readMode: self.readMode,
            randomSeed: self.seed &* 0x9E37_79B9 &+ id &* 1_000_003 &+ UInt64(incarnation))
    }
}
