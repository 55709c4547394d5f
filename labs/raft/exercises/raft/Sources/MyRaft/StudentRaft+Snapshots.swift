import Foundation
import RaftCore

/// Part 3D: log compaction (§7). Passing 3D means: logs stay short, and a follower that missed
/// entries that were compacted away catches up through InstallSnapshot.
extension StudentRaft {
    /// The application has applied everything through `index` and saved its state in `data`:
    /// replace that prefix of the log by a snapshot. The simulator persists the snapshot you return.
    ///
    /// TODO(3D): throw `.compactionBeyondApplied(requested:applied:)` when `index > lastApplied`.
    /// When the log is already compacted that far, return the current snapshot. Otherwise build
    /// `Snapshot(index:term:membership:data:)` (the term of the entry at `index`, and
    /// `Membership(voters: voters)`), `log.compact(to:)` it, and make sure `firstUnpersistedIndex`
    /// does not point into the compacted prefix.
    public mutating func compact(through index: LogIndex, data: Data) throws(RaftError) -> Snapshot {
        throw .unsupported("snapshots")
    }

    /// Receives the leader's snapshot, sent because our log lacks entries it has compacted away.
    ///
    /// TODO(3D): reject a stale term as in `handleAppend`, and follow the leader. If the snapshot
    /// covers nothing new (`snapshot.index <= commitIndex`), just acknowledge up to `commitIndex`.
    /// If the log already has the snapshot's last entry (`log.matches(LogPosition(index:term:))`),
    /// keep the log (Figure 13, step 6): raise `commitIndex` to the snapshot's index and acknowledge.
    /// Otherwise replace the whole log by it (`log.restore`), set `commitIndex` to its index, keep it
    /// in `receivedSnapshot` (`takeReady` hands it to the application and to the disk), forget
    /// `firstUnpersistedIndex`, and acknowledge with `AppendResponse.accepted(matchIndex: snapshot.index, sequence: 0)`.
    mutating func handleInstallSnapshot(from leader: NodeID, term: Term, _ snapshot: Snapshot) {
    }
}
