import RaftCore

/// Which cluster and which member of it a data directory belongs to.
///
/// Recorded in the directory on first open; a later open with another identity is refused, so that
/// a node never starts from another node's (or another cluster's) log and votes.
public struct ClusterIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The cluster's name, chosen when it was bootstrapped.
    public var clusterID: String
    /// This node's id within the cluster.
    public var nodeID: NodeID

    public init(clusterID: String, nodeID: NodeID) {
        self.clusterID = clusterID
        self.nodeID = nodeID
    }

    public var description: String { "node \(self.nodeID) of cluster '\(self.clusterID)'" }
}
