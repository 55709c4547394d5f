import Foundation
import LabProto
import LabTestSupport
import RaftCore
import RaftKV
import RaftWire
import Testing

/// Random streams of Raft messages and KV commands survive encoding, protobuf bytes and decoding.
/// Replay a failure with LAB_SEED=<printed seed>.
@Suite struct RandomizedRoundTripTests {
    @Test func randomPeerStreamsRoundTrip() throws {
        let seed = SeededGenerator.seedForTest()
        print("RandomizedRoundTripTests peer seed: \(seed) (replay with LAB_SEED=\(seed))")
        var random = SeededGenerator(seed: seed)
        for round in 0..<200 {
            let messages = (0..<Int.random(in: 1...8, using: &random)).map { _ in Self.message(&random) }
            let chunkSize = Int.random(in: 1...300, using: &random)
            var assembler = SnapshotAssembler()
            var decoded: [RaftMessage] = []
            for wire in RaftWireCodec.encode(messages, chunkSize: chunkSize) {
                if let message = try assembler.add(WireFixtures.overTheWire(wire)) { decoded.append(message) }
            }
            #expect(decoded == messages, "seed \(seed), round \(round), chunk size \(chunkSize)")
            if decoded != messages { return }
        }
    }

    @Test func randomCommandsRoundTrip() throws {
        let seed = SeededGenerator.seedForTest()
        print("RandomizedRoundTripTests KV seed: \(seed) (replay with LAB_SEED=\(seed))")
        var random = SeededGenerator(seed: seed)
        for round in 0..<500 {
            let command = KVCommand(
                client: random.next(), sequence: random.next(), operation: Self.operation(&random))
            let consistency = ReadConsistency.allCases.randomElement(using: &random)!
            let bytes: [UInt8] = try command.proto(consistency: consistency).serializedBytes()
            let received = try Distlab_Raftkv_V1_KVRequest(serializedBytes: bytes)
            #expect(try KVCommand(proto: received) == command, "seed \(seed), round \(round)")
            #expect(try ReadConsistency(proto: received.consistency) == consistency, "seed \(seed), round \(round)")
        }
    }

    static func message(_ random: inout SeededGenerator) -> RaftMessage {
        let payload: RaftMessage.Payload
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            payload = .voteRequest(VoteRequest(
                preVote: .random(using: &random), lastLog: position(&random), leadershipTransfer: .random(using: &random)))
        case 1:
            payload = .voteResponse(VoteResponse(preVote: .random(using: &random), granted: .random(using: &random)))
        case 2:
            let entries = (0..<Int.random(in: 0...5, using: &random)).map { _ in entry(&random) }
            payload = .append(AppendRequest(
                previous: position(&random), entries: entries, commit: random.next(), sequence: random.next()))
        case 3:
            payload = .appendResponse(Bool.random(using: &random)
                ? .accepted(matchIndex: random.next(), sequence: random.next())
                : .rejected(at: random.next(), hintTerm: Bool.random(using: &random) ? random.next() : nil,
                            hintIndex: random.next(), sequence: random.next()))
        case 4:
            payload = .installSnapshot(Snapshot(
                index: random.next(), term: random.next(), membership: membership(&random),
                data: bytes(&random, count: Int.random(in: 0...1000, using: &random))))
        default:
            payload = .timeoutNow
        }
        return RaftMessage(from: random.next(), to: random.next(), term: random.next(), payload: payload)
    }

    static func entry(_ random: inout SeededGenerator) -> LogEntry {
        let payload: LogEntry.Payload
        switch Int.random(in: 0..<3, using: &random) {
        case 0: payload = .command(bytes(&random, count: Int.random(in: 0...40, using: &random)))
        case 1: payload = .noop
        default: payload = .membership(membership(&random))
        }
        return LogEntry(index: random.next(), term: random.next(), payload: payload)
    }

    static func membership(_ random: inout SeededGenerator) -> Membership {
        let ids = Set((0..<Int.random(in: 1...9, using: &random)).map { _ in NodeID.random(in: 1...20, using: &random) })
        let learners = Set(ids.filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
        return Membership(voters: ids.subtracting(learners), learners: learners)
    }

    static func position(_ random: inout SeededGenerator) -> LogPosition {
        LogPosition(index: random.next(), term: random.next())
    }

    static func bytes(_ random: inout SeededGenerator, count: Int) -> Data {
        Data((0..<count).map { _ in UInt8.random(in: 0 ... .max, using: &random) })
    }

    static func operation(_ random: inout SeededGenerator) -> KVOperation {
        let key = text(&random, 1...12)
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return .get(key: key)
        case 1: return .put(key: key, value: text(&random, 0...30))
        case 2: return .delete(key: key)
        case 3: return .append(key: key, suffix: text(&random, 0...30))
        case 4: return .cas(key: key, expected: Bool.random(using: &random) ? text(&random, 0...10) : nil, new: text(&random, 0...10))
        default: return .list(prefix: text(&random, 0...4), limit: Int.random(in: 0...1000, using: &random))
        }
    }

    /// Mixed-script text, so multi-byte UTF-8 crosses the wire too.
    static func text(_ random: inout SeededGenerator, _ length: ClosedRange<Int>) -> String {
        let alphabet = Array("abcXYZ09/-_ éßжλ中文🙂")
        return String((0..<Int.random(in: length, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }
}
