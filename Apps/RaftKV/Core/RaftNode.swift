import Foundation

/// The contract between a Raft core and whatever runs it: the simulator, the `raftkv node` process,
/// and the shared test suite. A core is a deterministic value: no sockets, disk, clocks or threads.
/// Inputs are `tick`, `step` and the requests below; all outputs come out of `takeReady`.
///
/// `ReferenceRaft` is the course's implementation. A student's core conforms to the same protocol,
/// and the suite grades it; features it does not offer yet throw `RaftError.unsupported` (the default)
/// and are left out of `capabilities`, so the tests that need them are skipped rather than failed.
public protocol RaftNode: Sendable {
    /// Starts a node from its settings and what it persisted before (`.empty` the first time).
    init(settings: RaftSettings, restoring state: PersistentState)

    /// The optional features this core implements.
    static var capabilities: RaftCapabilities { get }

    var status: RaftStatus { get }

    /// One unit of logical time has passed.
    mutating func tick()

    /// A message from another member arrived.
    mutating func step(_ message: RaftMessage)

    /// Appends a command to the log, if this node is the leader.
    mutating func propose(_ command: Data) throws(RaftError) -> LogPosition

    /// Everything to persist, send and apply since the last call (see `RaftReady`).
    mutating func takeReady() -> RaftReady

    /// Replaces the log through `index` (which the application has applied) by a snapshot of the
    /// application's state. The shell persists it (`PersistentState.compact(to:)`) itself.
    mutating func compact(through index: LogIndex, data: Data) throws(RaftError) -> Snapshot

    /// Registers a linearizable read; a `ReadState` with this id comes out of a later ready.
    mutating func requestRead(id: UInt64) throws(RaftError)

    /// Hands leadership to `target` (dissertation §3.10).
    mutating func transferLeadership(to target: NodeID) throws(RaftError)

    /// Proposes a single-server membership change (dissertation §4.1).
    mutating func proposeMembershipChange(_ change: MembershipChange) throws(RaftError) -> LogPosition
}

/// Optional features of a Raft core, so that the suite runs only the tests that apply.
public struct RaftCapabilities: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let snapshots = RaftCapabilities(rawValue: 1 << 0)
    public static let preVote = RaftCapabilities(rawValue: 1 << 1)
    public static let checkQuorum = RaftCapabilities(rawValue: 1 << 2)
    public static let readIndex = RaftCapabilities(rawValue: 1 << 3)
    public static let leadershipTransfer = RaftCapabilities(rawValue: 1 << 4)
    public static let membershipChanges = RaftCapabilities(rawValue: 1 << 5)

    public static let all: RaftCapabilities = [.snapshots, .preVote, .checkQuorum, .readIndex, .leadershipTransfer, .membershipChanges]

    /// The features' names, e.g. "[snapshots, readIndex]".
    public var description: String {
        let names: [(RaftCapabilities, String)] = [
            (.snapshots, "snapshots"), (.preVote, "preVote"), (.checkQuorum, "checkQuorum"), (.readIndex, "readIndex"),
            (.leadershipTransfer, "leadershipTransfer"), (.membershipChanges, "membershipChanges"),
        ]
        return "[" + names.filter { self.contains($0.0) }.map { "." + $0.1 }.joined(separator: ", ") + "]"
    }
}

extension RaftNode {
    public static var capabilities: RaftCapabilities { [] }

    public mutating func compact(through index: LogIndex, data: Data) throws(RaftError) -> Snapshot {
        throw .unsupported("snapshots")
    }

    public mutating func requestRead(id: UInt64) throws(RaftError) { throw .unsupported("ReadIndex reads") }

    public mutating func transferLeadership(to target: NodeID) throws(RaftError) {
        throw .unsupported("leadership transfer")
    }

    public mutating func proposeMembershipChange(_ change: MembershipChange) throws(RaftError) -> LogPosition {
        throw .unsupported("membership changes")
    }
}
