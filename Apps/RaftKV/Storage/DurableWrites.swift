import RaftCore

/// Decides what of each `RaftReady` has to reach the disk before the node goes on. Everything
/// safety rests on does: a snapshot, log entries, a new term or vote. A hard state whose only change
/// is the commit index does not: Raft's commit index is volatile (a restarted node learns it again
/// from the leader), and writing it on its own would cost an fsync per committed write on every
/// member. It is written with the next durable write instead (or at the next compaction, see
/// ``writeLatestHardState()``), so while a cluster is idle the stored commit index can lag behind
/// the real one; a restarted member learns it again from the leader. etcd decides the same way
/// (`MustSync`).
public struct DurableWrites: Sendable {
    /// The hard state on disk (or being written).
    private var written: HardState
    /// The newest hard state the core reported.
    private var latest: HardState

    /// Starts from the hard state loaded from disk.
    public init(persisted: HardState) {
        self.written = persisted
        self.latest = persisted
    }

    /// What to persist for `ready` now, or nil when nothing needs to be: its snapshot and entries,
    /// with the newest hard state when that differs from the one on disk.
    public mutating func write(for ready: RaftReady) -> RaftReady? {
        if let hardState = ready.hardState { self.latest = hardState }
        let mustSync =
            ready.snapshot != nil || !ready.entries.isEmpty || self.latest.term != self.written.term || self.latest.vote != self.written.vote
        guard mustSync else { return nil }
        defer { self.written = self.latest }
        return RaftReady(hardState: self.latest == self.written ? nil : self.latest, entries: ready.entries, snapshot: ready.snapshot)
    }

    /// The newest hard state, if the one on disk is older: for a compaction, after which the stored
    /// commit index must not stay below the snapshot's index.
    public mutating func writeLatestHardState() -> RaftReady? {
        guard self.latest != self.written else { return nil }
        defer { self.written = self.latest }
        return RaftReady(hardState: self.latest)
    }
}
