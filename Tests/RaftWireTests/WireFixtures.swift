import Foundation
import LabProto
import RaftCore
import RaftWire

/// Sample values shared by the wire tests.
enum WireFixtures {
    static let membership = Membership(voters: [3, 1, 2], learners: [5, 4])

    static let entries: [LogEntry] = [
        LogEntry(index: 1, term: 0, payload: .membership(membership)),
        LogEntry(index: 2, term: 1, payload: .noop),
        LogEntry(index: 3, term: 1, payload: .command(Data([0, 1, 2, 0xFF]))),
        LogEntry(index: 4, term: 2, payload: .command(Data())),
    ]

    /// One message of every payload but snapshots, covering optional fields set and unset.
    static let messages: [RaftMessage] = [
        RaftMessage(from: 1, to: 2, term: 7, payload: .voteRequest(VoteRequest(
            preVote: true, lastLog: LogPosition(index: 9, term: 6)))),
        RaftMessage(from: 1, to: 3, term: 7, payload: .voteRequest(VoteRequest(
            preVote: false, lastLog: LogPosition(index: 0, term: 0), leadershipTransfer: true))),
        RaftMessage(from: 2, to: 1, term: 7, payload: .voteResponse(VoteResponse(preVote: true, granted: true))),
        RaftMessage(from: 3, to: 1, term: 8, payload: .voteResponse(VoteResponse(preVote: false, granted: false))),
        RaftMessage(from: 1, to: 2, term: 7, payload: .append(AppendRequest(
            previous: LogPosition(index: 0, term: 0), entries: entries, commit: 3, sequence: 42))),
        RaftMessage(from: 1, to: 2, term: 7, payload: .append(AppendRequest(
            previous: LogPosition(index: 4, term: 2), entries: [], commit: 4, sequence: .max))),
        RaftMessage(from: 2, to: 1, term: 7, payload: .appendResponse(.accepted(matchIndex: 4, sequence: 42))),
        RaftMessage(from: 2, to: 1, term: 7, payload: .appendResponse(
            .rejected(at: 9, hintTerm: 3, hintIndex: 5, sequence: 43))),
        RaftMessage(from: 2, to: 1, term: 7, payload: .appendResponse(
            .rejected(at: 9, hintTerm: nil, hintIndex: 6, sequence: 44))),
        RaftMessage(from: 1, to: 2, term: 9, payload: .timeoutNow),
    ]

    static func snapshotMessage(bytes: Int, index: LogIndex = 100, term: Term = 5) -> RaftMessage {
        let data = Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let snapshot = Snapshot(index: index, term: term, membership: membership, data: data)
        return RaftMessage(from: 1, to: 4, term: 11, payload: .installSnapshot(snapshot))
    }

    /// `message` after a trip through protobuf bytes, as a peer receives it.
    static func overTheWire(_ message: Distlab_Raftkv_V1_RaftMessage) throws -> Distlab_Raftkv_V1_RaftMessage {
        try Distlab_Raftkv_V1_RaftMessage(serializedBytes: message.serializedBytes() as [UInt8])
    }
}
