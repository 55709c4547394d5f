import DequeModule

/// What a leader knows about one follower's log, and how it is sending to it (as in etcd-raft):
/// `probe` sends one AppendEntries at a time until the logs are known to match, `replicate` streams
/// batches without waiting (pipelining, bounded by the in-flight window), `snapshot` waits for an
/// InstallSnapshot to be answered.
struct FollowerProgress: Sendable {
    enum Mode: Sendable, Equatable {
        case probe
        case replicate
        case snapshot(index: LogIndex)
    }

    /// The highest index known to match the leader's log.
    var match: LogIndex = 0
    /// The next index to send.
    var next: LogIndex
    var mode: Mode = .probe
    /// In probe mode: a request is out, wait for its answer or the next heartbeat.
    var probeSent = false
    /// In replicate mode: the last index of each unanswered AppendEntries.
    var inflight = Deque<LogIndex>()
    /// Heard from within the current election timeout (check-quorum).
    var recentlyActive = false
    /// In snapshot mode: ticks spent waiting for the snapshot to be answered.
    var ticksInSnapshot = 0
    /// The latest read round this follower has answered.
    var acknowledgedSequence: UInt64 = 0

    init(next: LogIndex) { self.next = next }

    /// Whether to hold back AppendEntries with new entries.
    func isPaused(maxInflight: Int) -> Bool {
        switch self.mode {
        case .probe: return self.probeSent
        case .replicate: return self.inflight.count >= maxInflight
        case .snapshot: return true
        }
    }

    /// The follower accepted entries through `index`; returns whether `match` moved.
    mutating func acknowledge(through index: LogIndex) -> Bool {
        while let first = self.inflight.first, first <= index { self.inflight.removeFirst() }
        guard index > self.match else { return false }
        self.match = index
        self.next = max(self.next, index + 1)
        return true
    }

    mutating func becomeProbe(next: LogIndex) {
        self.mode = .probe
        self.next = max(next, self.match + 1)
        self.probeSent = false
        self.inflight.removeAll()
    }

    mutating func becomeReplicate() {
        self.mode = .replicate
        self.next = self.match + 1
        self.probeSent = false
        self.inflight.removeAll()
    }

    mutating func becomeSnapshot(index: LogIndex) {
        self.mode = .snapshot(index: index)
        self.ticksInSnapshot = 0
        self.probeSent = false
        self.inflight.removeAll()
    }

    /// Records that entries through `lastIndex` were sent.
    mutating func sent(through lastIndex: LogIndex, entryCount: Int) {
        switch self.mode {
        case .probe:
            self.probeSent = true
        case .replicate:
            if entryCount > 0 {
                self.next = lastIndex + 1
                self.inflight.append(lastIndex)
            }
        case .snapshot:
            break
        }
    }
}
