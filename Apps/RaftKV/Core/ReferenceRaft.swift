import Foundation
import LabRandom

/// The course's Raft: the extended Raft paper and the Raft dissertation (Ongaro), shaped like
/// etcd-raft. Elections with pre-vote and check-quorum, pipelined and batched replication with fast
/// backtracking, snapshots, ReadIndex and lease reads, leadership transfer, single-server membership
/// changes. See `RaftNode` for how to drive it and `RaftReady` for the persistence contract.
public struct ReferenceRaft: RaftNode {
    public static var capabilities: RaftCapabilities { .all }

    let settings: RaftSettings
    var id: NodeID { self.settings.id }
    var random: SplitMix64

    // Persistent state (mirrored by the shell through readies).
    var term: Term
    var vote: NodeID?
    var log: RaftLog

    // Volatile state.
    var role: RaftRole = .follower
    var leader: NodeID?
    var commit: LogIndex
    var applied: LogIndex
    var membership: Membership
    /// The index of the entry that set `membership` (0 when it came from a snapshot or nowhere).
    var membershipIndex: LogIndex = 0

    // Timers, in ticks.
    var electionElapsed = 0
    var heartbeatElapsed = 0
    var randomizedElectionTimeout = 0

    // Candidate state.
    var votes: [NodeID: Bool] = [:]

    // Leader state.
    var progress: [NodeID: FollowerProgress] = [:]
    var pendingMembershipIndex: LogIndex = 0
    var transferTarget: NodeID?
    var commitAdvanced = false
    var reads = ReadTracker()

    // Output not yet handed out.
    var outbox: [RaftMessage] = []
    var unstableFrom: LogIndex?
    var receivedSnapshot: Snapshot?
    var readyReads: [ReadState] = []
    var reportedHardState: HardState
    var reportedRole: RoleChange

    public init(settings: RaftSettings, restoring state: PersistentState) {
        self.settings = settings
        self.random = SplitMix64(seed: settings.randomSeed)
        self.term = state.hardState.term
        self.vote = state.hardState.vote
        self.log = RaftLog(snapshot: state.snapshot, entries: state.entries)
        self.applied = self.log.snapshotIndex
        self.commit = min(max(state.hardState.commit, self.log.snapshotIndex), self.log.lastIndex)
        self.membership = Membership(voters: [])
        self.reportedHardState = state.hardState
        self.reportedRole = RoleChange(role: .follower, term: state.hardState.term, leader: nil)
        if state.snapshot == nil && state.entries.isEmpty && !settings.initialVoters.isEmpty {
            self.log.append(LogEntry(index: 1, term: 0, payload: .membership(Membership(voters: settings.initialVoters))))
            self.unstableFrom = 1
        }
        self.recomputeMembership()
        self.resetElectionTimer()
    }

    public var status: RaftStatus {
        let role = self.role == .follower && !self.membership.voters.contains(self.id) ? RaftRole.learner : self.role
        return RaftStatus(
            id: self.id, role: role, term: self.term, vote: self.vote, leader: self.leader, commitIndex: self.commit,
            appliedIndex: self.applied, lastLog: self.log.lastPosition, snapshotIndex: self.log.snapshotIndex,
            membership: self.membership)
    }

    public mutating func tick() {
        if self.role == .leader {
            self.tickLeader()
        } else {
            self.electionElapsed += 1
            if self.electionElapsed >= self.randomizedElectionTimeout && self.isPromotable {
                self.campaign(transfer: false)
            }
        }
    }

    public mutating func propose(_ command: Data) throws(RaftError) -> LogPosition {
        try self.ensureAcceptingProposals()
        return self.appendAsLeader(.command(command))
    }

    public mutating func takeReady() -> RaftReady {
        if self.role == .leader { self.flush() }
        var ready = RaftReady()
        if let snapshot = self.receivedSnapshot {
            ready.snapshot = snapshot
            self.applied = snapshot.index
            self.receivedSnapshot = nil
        }
        if let from = self.unstableFrom {
            ready.entries = self.log.entries(from: max(from, self.log.firstIndex), through: self.log.lastIndex)
            self.unstableFrom = nil
        }
        let hardState = HardState(term: self.term, vote: self.vote, commit: self.commit)
        if hardState != self.reportedHardState {
            ready.hardState = hardState
            self.reportedHardState = hardState
        }
        ready.messages = self.outbox
        self.outbox.removeAll()
        if self.commit > self.applied {
            ready.committedEntries = self.log.entries(from: self.applied + 1, through: self.commit)
            self.applied = self.commit
        }
        ready.readStates = self.readyReads
        self.readyReads.removeAll()
        let role = RoleChange(role: self.status.role, term: self.term, leader: self.leader)
        if role != self.reportedRole {
            ready.roleChange = role
            self.reportedRole = role
        }
        return ready
    }

    public mutating func compact(through index: LogIndex, data: Data) throws(RaftError) -> Snapshot {
        guard index <= self.applied else { throw .compactionBeyondApplied(requested: index, applied: self.applied) }
        if index <= self.log.snapshotIndex, let snapshot = self.log.snapshot { return snapshot }
        let snapshot = Snapshot(
            index: index, term: self.log.term(at: index) ?? 0, membership: self.membership(atOrBefore: index), data: data)
        self.log.compact(to: snapshot)
        if let from = self.unstableFrom { self.unstableFrom = max(from, index + 1) }
        return snapshot
    }

    // MARK: Shared helpers

    /// Whether this node may campaign: only voters do.
    var isPromotable: Bool { self.membership.voters.contains(self.id) }

    mutating func resetElectionTimer() {
        self.electionElapsed = 0
        let ticks = self.settings.electionTicks
        self.randomizedElectionTimeout = ticks + Int(self.random.next() % UInt64(max(ticks, 1)))
    }

    mutating func send(to: NodeID, term: Term? = nil, _ payload: RaftMessage.Payload) {
        self.outbox.append(RaftMessage(from: self.id, to: to, term: term ?? self.term, payload: payload))
    }

    /// Other voters, in a fixed order (sets iterate in a per-process random order).
    var otherVoters: [NodeID] { self.membership.voters.subtracting([self.id]).sorted() }

    /// Appends on the follower side, keeping track of what the next ready must persist.
    mutating func appendToLog(_ entry: LogEntry) {
        self.log.append(entry)
        self.unstableFrom = min(self.unstableFrom ?? entry.index, entry.index)
        if case .membership(let membership) = entry.payload {
            self.membership = membership
            self.membershipIndex = entry.index
        }
    }

    mutating func truncateLog(from index: LogIndex) {
        precondition(index > self.commit, "node \(self.id) asked to drop committed entry \(index) (commit \(self.commit))")
        self.log.truncate(from: index)
        self.unstableFrom = min(self.unstableFrom ?? index, index)
        if self.membershipIndex >= index { self.recomputeMembership() }
    }

    /// The membership after the last membership entry of the log, or the snapshot's.
    mutating func recomputeMembership() {
        let last = self.log.lastIndex
        self.membership = self.membership(atOrBefore: last)
        self.membershipIndex = 0
        var index = last
        while index >= self.log.firstIndex {
            if case .membership = self.log.entry(at: index)?.payload {
                self.membershipIndex = index
                break
            }
            index -= 1
        }
    }

    func membership(atOrBefore target: LogIndex) -> Membership {
        var index = min(target, self.log.lastIndex)
        while index >= self.log.firstIndex {
            if case .membership(let membership) = self.log.entry(at: index)?.payload { return membership }
            index -= 1
        }
        return self.log.snapshot?.membership ?? Membership(voters: [])
    }
}
