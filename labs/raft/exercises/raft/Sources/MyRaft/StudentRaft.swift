import Foundation
import LabRandom
import RaftCore

/// Your Raft core. The simulator drives it exactly as it drives the course's reference core: it
/// calls `tick`, `step` and `propose`, then `takeReady` to learn what to persist, send and apply.
///
/// The parts to write are marked `TODO(3A)` … `TODO(3D)`; start at `StudentRaft+Election.swift`.
/// Everything else is given: the state below (Figure 2 of the extended Raft paper), the log
/// (`RaftLog`, with the snapshot in front), sending, and most of `takeReady`.
public struct StudentRaft: RaftNode {
    /// The optional features the suite may test. Snapshots are part 3D; leave the others out.
    public static var capabilities: RaftCapabilities { [.snapshots] }

    let settings: RaftSettings
    var id: NodeID { self.settings.id }
    /// Who votes, this node included. Membership changes are not part of this exercise.
    let voters: Set<NodeID>
    /// Draws the randomized election timeouts; seeded, so that a failing run replays exactly.
    var random: SplitMix64

    // MARK: Persistent state (Figure 2): reported in every ready that changes it, restored by `init`.

    /// The latest term this node has seen.
    var currentTerm: Term = 0
    /// Whom this node voted for in `currentTerm`, if anyone.
    var votedFor: NodeID?
    /// The log, starting after the last snapshot. A new cluster's log starts with a membership
    /// entry at index 1, term 0 (added by `init`); treat it like any other entry.
    var log: RaftLog

    // MARK: Volatile state

    var role: RaftRole = .follower
    /// The leader of `currentTerm` this node knows of.
    var leader: NodeID?
    /// The highest index known to be committed.
    var commitIndex: LogIndex = 0
    /// The highest index handed to the application through `RaftReady.committedEntries`.
    var lastApplied: LogIndex = 0

    // MARK: Timers, counted in ticks

    var electionElapsed = 0
    var heartbeatElapsed = 0
    /// This term's election timeout, random in `electionTicks ..< 2 * electionTicks` (§5.2).
    var electionTimeout = 0

    // MARK: Candidate and leader state

    /// The voters that granted this node their vote in `currentTerm`.
    var votesGranted: Set<NodeID> = []
    /// For each other voter: the index of the next entry to send it…
    var nextIndex: [NodeID: LogIndex] = [:]
    /// …and the highest index known to be replicated on it.
    var matchIndex: [NodeID: LogIndex] = [:]

    // MARK: Output for the next ready

    var outbox: [RaftMessage] = []
    /// The first log index that changed since the last ready (nil: none); `appendToLog` and
    /// `truncateLog` keep it up to date.
    var firstUnpersistedIndex: LogIndex?
    /// A snapshot received from the leader, to hand to the application (part 3D).
    var receivedSnapshot: Snapshot?
    /// The hard state and role the last ready reported, so that only changes are reported.
    var reportedHardState = HardState()
    var reportedRole = RoleChange(role: .follower, term: 0, leader: nil)

    /// Starts a node. `state` is what the node persisted before it crashed (`.empty` the first time).
    public init(settings: RaftSettings, restoring state: PersistentState) {
        self.settings = settings
        self.random = SplitMix64(seed: settings.randomSeed)
        self.log = RaftLog(snapshot: nil, entries: [])
        self.voters = settings.initialVoters.isEmpty ? (state.snapshot?.membership.voters ?? []) : settings.initialVoters

        // TODO(3C): restore `currentTerm`, `votedFor`, `log` (`RaftLog(snapshot:entries:)`) and
        // `commitIndex` from `state` (kept between the snapshot's index and the log's last index),
        // and set `lastApplied` to the snapshot's index (the application restores itself from it).
        // Set `reportedHardState` to `state.hardState`, so that an unchanged state is not reported again.

        if state.snapshot == nil && state.entries.isEmpty && !settings.initialVoters.isEmpty {
            self.appendToLog(LogEntry(index: 1, term: 0, payload: .membership(Membership(voters: settings.initialVoters))))
        }
        self.resetElectionTimer()
    }

    /// What `raftkv status` and the simulator's trace show.
    public var status: RaftStatus {
        RaftStatus(
            id: self.id, role: self.role, term: self.currentTerm, vote: self.votedFor, leader: self.leader,
            commitIndex: self.commitIndex, appliedIndex: self.lastApplied, lastLog: self.log.lastPosition,
            snapshotIndex: self.log.snapshotIndex, membership: Membership(voters: self.voters))
    }

    /// Hands over everything to persist, send and apply since the last call (see `RaftReady` for the
    /// order in which the simulator does it).
    public mutating func takeReady() -> RaftReady {
        var ready = RaftReady()
        if let snapshot = self.receivedSnapshot {
            ready.snapshot = snapshot
            self.lastApplied = snapshot.index
            self.receivedSnapshot = nil
        }

        // TODO(3C): persistence. Put in `ready.entries` the log entries from `firstUnpersistedIndex`
        // (but not before `log.firstIndex`) through the last index, then clear `firstUnpersistedIndex`.
        // Put in `ready.hardState` the current term, vote and commit index when they differ from
        // `reportedHardState`, and remember what you reported. The simulator persists both before it
        // sends `ready.messages`: that is what makes a vote or an acknowledgement survive a crash.

        ready.messages = self.outbox
        self.outbox.removeAll()
        if self.commitIndex > self.lastApplied {
            ready.committedEntries = self.log.entries(from: self.lastApplied + 1, through: self.commitIndex)
            self.lastApplied = self.commitIndex
        }
        let role = RoleChange(role: self.role, term: self.currentTerm, leader: self.leader)
        if role != self.reportedRole {
            ready.roleChange = role
            self.reportedRole = role
        }
        return ready
    }

    // MARK: Given helpers

    /// The other voters, in a fixed order (iterating a `Set` gives a different order in every process,
    /// which would make runs impossible to replay).
    var peers: [NodeID] { self.voters.subtracting([self.id]).sorted() }

    /// Votes or acknowledgements needed for a decision: a strict majority of the voters.
    var quorum: Int { self.voters.count / 2 + 1 }

    /// Queues a message for the next ready, stamped with this node's id and current term.
    mutating func send(to peer: NodeID, _ payload: RaftMessage.Payload) {
        self.outbox.append(RaftMessage(from: self.id, to: peer, term: self.currentTerm, payload: payload))
    }

    /// Starts a new election timeout, random in `electionTicks ..< 2 * electionTicks` ticks.
    mutating func resetElectionTimer() {
        self.electionElapsed = 0
        let ticks = max(self.settings.electionTicks, 1)
        self.electionTimeout = ticks + Int(self.random.next() % UInt64(ticks))
    }

    /// Appends `entry` (its index must be `log.lastIndex + 1`) and marks it for persisting.
    mutating func appendToLog(_ entry: LogEntry) {
        self.log.append(entry)
        self.firstUnpersistedIndex = min(self.firstUnpersistedIndex ?? entry.index, entry.index)
    }

    /// Drops the entries from `index` on (a conflicting suffix, §5.3) and marks the change for persisting.
    mutating func truncateLog(from index: LogIndex) {
        precondition(index > self.commitIndex, "node \(self.id) was asked to drop committed entry \(index)")
        self.log.truncate(from: index)
        self.firstUnpersistedIndex = min(self.firstUnpersistedIndex ?? index, index)
    }
}
