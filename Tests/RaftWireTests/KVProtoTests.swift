import LabProto
import RaftKV
import RaftWire
import Testing

/// Client requests and replies survive protobuf unchanged; invalid requests are named errors.
@Suite struct KVProtoTests {
    static let operations: [KVOperation] = [
        .get(key: "k"),
        .put(key: "k", value: ""),
        .put(key: "ключ", value: "значение"),
        .delete(key: "k"),
        .append(key: "k", suffix: "+"),
        .cas(key: "k", expected: nil, new: "v"),
        .cas(key: "k", expected: "", new: "v"),
        .cas(key: "k", expected: "old", new: "new"),
        .list(prefix: "", limit: 0),
        .list(prefix: "user/", limit: 50),
    ]

    static let results: [KVResult] = [
        .value(nil), .value(""), .value("v"), .done,
        .cas(succeeded: true, current: "new"), .cas(succeeded: false, current: nil), .cas(succeeded: false, current: ""),
        .entries([]), .entries([KVPair(key: "a", value: "1"), KVPair(key: "b", value: "")]),
    ]

    @Test(arguments: operations, ReadConsistency.allCases)
    func requestRoundTrips(operation: KVOperation, consistency: ReadConsistency) throws {
        let command = KVCommand(client: 7, sequence: 3, operation: operation)
        let proto = command.proto(consistency: consistency)
        let received = try Distlab_Raftkv_V1_KVRequest(serializedBytes: proto.serializedBytes() as [UInt8])
        #expect(try KVCommand(proto: received) == command)
        #expect(try ReadConsistency(proto: received.consistency) == consistency)
    }

    @Test func requestWithoutOperationIsNamed() {
        var proto = Distlab_Raftkv_V1_KVRequest()
        proto.client = 1
        let error = #expect(throws: RaftWireError.self) { try KVCommand(proto: proto) }
        #expect(error?.description == "request has no operation")
    }

    @Test func oversizedAndEmptyKeysAndValuesAreRefused() {
        let limits = KVLimits()
        let longKey = String(repeating: "k", count: 2000)
        let longValue = String(repeating: "v", count: limits.maxValueBytes + 1)
        let cases: [(KVOperation, RaftWireError)] = [
            (.get(key: longKey), .invalidOperation(operation: "get", .keyTooLarge(size: 2000, limit: 1024))),
            (.list(prefix: longKey, limit: 1), .invalidOperation(operation: "list", .keyTooLarge(size: 2000, limit: 1024))),
            (.put(key: "k", value: longValue),
             .invalidOperation(operation: "put", .valueTooLarge(size: longValue.utf8.count, limit: limits.maxValueBytes))),
            (.cas(key: "k", expected: longValue, new: "v"),
             .invalidOperation(operation: "cas", .valueTooLarge(size: longValue.utf8.count, limit: limits.maxValueBytes))),
            (.delete(key: ""), .invalidOperation(operation: "delete", .emptyKey)),
        ]
        for (operation, expected) in cases {
            let proto = KVCommand(client: 1, sequence: 1, operation: operation).proto()
            #expect(throws: expected) { try KVCommand(proto: proto, limits: limits) }
        }
        let small = KVLimits(maxKeyBytes: 4, maxValueBytes: 4)
        #expect(throws: RaftWireError.invalidOperation(operation: "put", .keyTooLarge(size: 5, limit: 4))) {
            try KVCommand(proto: KVCommand(client: 1, sequence: 1, operation: .put(key: "12345", value: "")).proto(), limits: small)
        }
    }

    @Test func unknownConsistencyIsNamed() {
        #expect(throws: RaftWireError.unknownConsistency(7)) { try ReadConsistency(proto: .UNRECOGNIZED(7)) }
    }

    @Test(arguments: results)
    func resultRoundTrips(result: KVResult) throws {
        let received = try Distlab_Raftkv_V1_KVReply(serializedBytes: result.proto.serializedBytes() as [UInt8])
        #expect(try KVReplyOutcome(proto: received) == .result(result))
    }

    @Test func rejectionCarriesTheErrorsDescription() throws {
        let error = KVError.staleSequence(client: 1, sequence: 2, latest: 3)
        #expect(try KVReplyOutcome(proto: KVResult.rejected(error).proto) == .rejected(error.description))
    }

    @Test(arguments: [
        KVReplyOutcome.notLeader(leaderID: 3, address: "127.0.0.1:7003"),
        .notLeader(leaderID: 3, address: nil),
        .notLeader(leaderID: nil, address: nil),
        .rejected("no"),
        .result(.done),
    ])
    func outcomeRoundTrips(outcome: KVReplyOutcome) throws {
        #expect(try KVReplyOutcome(proto: outcome.proto) == outcome)
    }

    @Test func notLeaderHelpersUseZeroAndEmptyForUnknown() {
        let reply = Distlab_Raftkv_V1_KVReply.notLeader(leaderID: nil, address: nil)
        #expect(reply.notLeader.leaderID == 0)
        #expect(reply.notLeader.leaderAddress == "")
        #expect(reply.notLeader.leader == nil)
        #expect(Distlab_Raftkv_V1_NotLeader(leaderID: 2, address: "h:1").address == "h:1")
    }

    @Test func replyWithoutOutcomeIsNamed() {
        #expect(throws: RaftWireError.missingOneof(field: "reply", oneof: "outcome")) {
            try KVReplyOutcome(proto: Distlab_Raftkv_V1_KVReply())
        }
    }
}
