import RaftCore

/// A failure of a node's durable storage, with a message that says what happened, to which file,
/// and what to do next.
public enum RaftStorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data directory holds the state of another node or another cluster.
    case foreignDataDirectory(
        path: String, expectedCluster: String, expectedNode: NodeID, foundCluster: String, foundNode: NodeID)
    /// SQLite (or the file system under it) failed; the message names the file.
    case database(String)
    /// A stored log entry (or snapshot) cannot be decoded.
    case corruptEntry(index: LogIndex, reason: String)

    public var description: String {
        switch self {
        case let .foreignDataDirectory(path, expectedCluster, expectedNode, foundCluster, foundNode):
            return "data directory '\(path)' belongs to node \(foundNode) of cluster '\(foundCluster)', "
                + "not to node \(expectedNode) of cluster '\(expectedCluster)'. "
                + "Start this node with another --data-dir, or delete '\(path)' to start it fresh "
                + "(that node's log and votes are then lost)."
        case let .database(message):
            return message
        case let .corruptEntry(index, reason):
            return "stored Raft log entry \(index) is corrupt (\(reason)). "
                + "The data directory was damaged outside this program: restore it from a backup, "
                + "or delete it so that the node catches up from the leader."
        }
    }

    /// Wraps a `LabStoreError` or GRDB error raised while `action` on the database at `path`;
    /// a `RaftStorageError` passes through unchanged.
    static func wrapping(_ error: any Error, path: String, while action: String) -> RaftStorageError {
        if let error = error as? RaftStorageError { return error }
        return .database("could not \(action) Raft storage '\(path)': \(error)")
    }
}
