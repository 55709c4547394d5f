import Foundation
import LabProto
import RaftCore
import RaftWire
import Testing

/// Raft messages, entries and memberships survive protobuf unchanged; malformed ones are named errors.
@Suite struct RaftMessageProtoTests {
    @Test(arguments: WireFixtures.messages)
    func everyPayloadRoundTrips(message: RaftMessage) throws {
        #expect(try RaftMessage(proto: message.proto) == message)
        #expect(try RaftMessage(proto: WireFixtures.overTheWire(message.proto)) == message)
    }

    @Test(arguments: WireFixtures.entries)
    func everyEntryKindRoundTrips(entry: LogEntry) throws {
        #expect(try LogEntry(proto: entry.proto) == entry)
    }

    @Test func logPositionRoundTrips() {
        let position = LogPosition(index: .max, term: 3)
        #expect(LogPosition(proto: position.proto) == position)
    }

    @Test func membershipEncodingIsSortedAndDeterministic() throws {
        let membership = Membership(voters: [9, 2, 7, 1, 5], learners: [8, 3])
        #expect(membership.proto.voters == [1, 2, 5, 7, 9])
        #expect(membership.proto.learners == [3, 8])
        let bytes: [UInt8] = try membership.proto.serializedBytes()
        for _ in 0..<20 {
            let rebuilt = Membership(voters: Set(membership.voters.shuffled()), learners: Set(membership.learners.shuffled()))
            #expect(try rebuilt.proto.serializedBytes() == bytes)
        }
        #expect(try Membership(proto: membership.proto) == membership)
    }

    @Test func messageWithoutPayloadIsNamed() {
        var proto = Distlab_Raftkv_V1_RaftMessage()
        proto.from = 1
        #expect(throws: RaftWireError.missingOneof(field: "message", oneof: "payload")) {
            try RaftMessage(proto: proto)
        }
    }

    @Test func entryWithoutPayloadIsNamedByPosition() throws {
        let message = WireFixtures.messages[4]
        var proto = message.proto
        proto.append.entries[3].payload = nil
        let error = #expect(throws: RaftWireError.self) { try RaftMessage(proto: proto) }
        #expect(error == .missingOneof(field: "append.entries[3]", oneof: "payload"))
        #expect(error?.description == "append.entries[3] has no payload")
    }

    @Test func missingPositionsAreNamed() {
        var append = WireFixtures.messages[4].proto
        append.append.clearPrevious()
        #expect(throws: RaftWireError.missingField("append.previous")) { try RaftMessage(proto: append) }
        var vote = WireFixtures.messages[0].proto
        vote.voteRequest.clearLastLog()
        #expect(throws: RaftWireError.missingField("vote_request.last_log")) { try RaftMessage(proto: vote) }
    }

    @Test func badMembershipsAreNamed() {
        var overlapping = Distlab_Raftkv_V1_Membership()
        overlapping.voters = [1, 2]
        overlapping.learners = [2]
        #expect(throws: RaftWireError.duplicateMember(field: "membership", node: 2)) {
            try Membership(proto: overlapping)
        }
        var zero = Distlab_Raftkv_V1_Membership()
        zero.voters = [1, 0]
        #expect(throws: RaftWireError.zeroNodeID(field: "append.entries[0].membership.voters[1]")) {
            var proto = WireFixtures.messages[4].proto
            proto.append.entries[0].membership = zero
            try RaftMessage(proto: proto)
        }
    }

    @Test func snapshotChunkNeedsAnAssembler() throws {
        let message = WireFixtures.snapshotMessage(bytes: 10)
        #expect(throws: RaftWireError.unassembledSnapshotChunk(from: 1)) { try RaftMessage(proto: message.proto) }
        // `proto` puts a whole snapshot in one chunk, which an assembler accepts.
        var assembler = SnapshotAssembler()
        #expect(try assembler.add(message.proto) == message)
    }
}
