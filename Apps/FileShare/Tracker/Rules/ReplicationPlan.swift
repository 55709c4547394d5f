import FileShareCore

/// Who copies an under-replicated file, and to whom.
///
/// A file should be held by `factor` live peers. When it has fewer, exactly one of its holders acts:
/// the one with the smallest id (the designated copier), so two holders never send the same copies.
/// Its targets are live peers that do not hold the file, least loaded first (fewest files held,
/// then id), as many as are missing.
public enum ReplicationPlan {
    /// The replication factors the tracker accepts.
    public static let factors = 1...16

    /// A live peer that could receive a copy, with the number of files it holds.
    public struct Candidate: Equatable, Sendable {
        /// The peer's id and address.
        public var peer: TrackerAPI.Peer
        /// How many files it holds.
        public var files: Int

        /// Creates a candidate.
        public init(peer: TrackerAPI.Peer, files: Int) {
            self.peer = peer
            self.files = files
        }
    }

    /// The peers `asking` should copy a file to, given the file's live `holders`: empty unless
    /// `asking` is the designated copier and the file has fewer than `factor` holders.
    public static func targets(holders: [String], candidates: [Candidate], factor: Int, asking: String) -> [TrackerAPI.Peer] {
        guard holders.min() == asking else { return [] }
        let missing = factor - holders.count
        guard missing > 0 else { return [] }
        let holderSet = Set(holders)
        return candidates
            .filter { !holderSet.contains($0.peer.id) }
            .sorted { ($0.files, $0.peer.id) < ($1.files, $1.peer.id) }
            .prefix(missing)
            .map(\.peer)
    }
}
