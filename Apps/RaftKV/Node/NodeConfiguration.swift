import LabNet
import RaftCore

/// Where one cluster member listens: its peer port (Raft messages) and its client port (KV service).
public struct MemberEndpoints: Sendable, Hashable, CustomStringConvertible {
    public var id: NodeID
    public var peer: HostAndPort
    public var client: HostAndPort

    public init(id: NodeID, peer: HostAndPort, client: HostAndPort) {
        self.id = id
        self.peer = peer
        self.client = client
    }

    /// Parses `ID=PEERHOST:PORT/CLIENTHOST:PORT`, e.g. `1=127.0.0.1:7001/127.0.0.1:8001`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let id = NodeID(parts[0]), id > 0 else { return nil }
        let addresses = parts[1].split(separator: "/")
        guard addresses.count == 2, let peer = HostAndPort(parsing: addresses[0]),
              let client = HostAndPort(parsing: addresses[1])
        else { return nil }
        self.init(id: id, peer: peer, client: client)
    }

    public var description: String { "\(self.id)=\(self.peer)/\(self.client)" }
}

/// Everything a `raftkv node` needs to run.
public struct NodeConfiguration: Sendable {
    public var id: NodeID
    /// Names the cluster; a data directory or a peer of another cluster is refused.
    public var clusterID: String
    /// Every initial member (voter), this node included unless it joins later.
    public var members: [MemberEndpoints]
    /// Servers that are not members yet but may be added with `raftkv admin add`: their addresses
    /// are known to every node, so whoever leads can reach them.
    public var spares: [MemberEndpoints]
    public var dataDirectory: String
    /// The length of one Raft tick.
    public var tickInterval: Duration
    public var electionTicks: Int
    public var heartbeatTicks: Int
    /// Compact the log once this many applied entries follow the last snapshot.
    public var snapshotInterval: Int
    /// Join an existing cluster instead of bootstrapping one (a node added with `raftkv admin add`).
    public var join: Bool
    /// The Raft core the node runs: the course's, or a student's from the Raft exercise.
    public var core: any RaftNode.Type

    public init(
        id: NodeID, clusterID: String, members: [MemberEndpoints], spares: [MemberEndpoints] = [], dataDirectory: String,
        tickInterval: Duration = .milliseconds(20), electionTicks: Int = 10, heartbeatTicks: Int = 2,
        snapshotInterval: Int = 10_000, join: Bool = false, core: any RaftNode.Type = ReferenceRaft.self
    ) {
        self.id = id
        self.clusterID = clusterID
        self.members = members
        self.spares = spares
        self.dataDirectory = dataDirectory
        self.tickInterval = tickInterval
        self.electionTicks = electionTicks
        self.heartbeatTicks = heartbeatTicks
        self.snapshotInterval = snapshotInterval
        self.join = join
        self.core = core
    }

    /// This node's endpoints, among the members or the spares.
    public var me: MemberEndpoints? { (self.members + self.spares).first { $0.id == self.id } }

    var raftSettings: RaftSettings {
        RaftSettings(
            id: self.id, initialVoters: self.join ? [] : Set(self.members.map(\.id)), electionTicks: self.electionTicks,
            heartbeatTicks: self.heartbeatTicks, randomSeed: UInt64.random(in: 0 ... .max))
    }
}
