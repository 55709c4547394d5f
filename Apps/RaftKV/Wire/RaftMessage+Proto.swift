import LabProto
import RaftCore

/// `RaftMessage` ↔ `distlab.raftkv.v1.RaftMessage`.
extension RaftMessage {
    /// Decodes every payload but a snapshot chunk, which only a ``SnapshotAssembler`` can turn
    /// into a message (it throws ``RaftWireError/unassembledSnapshotChunk(from:)`` here).
    public init(proto: Distlab_Raftkv_V1_RaftMessage) throws(RaftWireError) {
        let payload: Payload
        switch proto.payload {
        case .voteRequest(let request): payload = .voteRequest(try VoteRequest(proto: request))
        case .voteResponse(let response): payload = .voteResponse(VoteResponse(proto: response))
        case .append(let request): payload = .append(try AppendRequest(proto: request))
        case .appendResponse(let response): payload = .appendResponse(AppendResponse(proto: response))
        case .timeoutNow: payload = .timeoutNow
        case .snapshotChunk: throw .unassembledSnapshotChunk(from: proto.from)
        case nil: throw .missingOneof(field: "message", oneof: "payload")
        }
        self.init(from: proto.from, to: proto.to, term: proto.term, payload: payload)
    }

    /// The message as one protobuf message. A snapshot becomes a single chunk with all its data,
    /// which may exceed a transport's message size limit: send snapshots with ``SnapshotChunker``.
    public var proto: Distlab_Raftkv_V1_RaftMessage {
        var proto = self.protoHeader
        switch self.payload {
        case .voteRequest(let request): proto.voteRequest = request.proto
        case .voteResponse(let response): proto.voteResponse = response.proto
        case .append(let request): proto.append = request.proto
        case .appendResponse(let response): proto.appendResponse = response.proto
        case .timeoutNow: proto.timeoutNow = Distlab_Raftkv_V1_TimeoutNow()
        case .installSnapshot(let snapshot):
            proto.snapshotChunk = SnapshotChunker.chunk(of: snapshot, offset: 0, data: snapshot.data, last: true)
        }
        return proto
    }

    /// The sender, receiver and term, with no payload yet.
    var protoHeader: Distlab_Raftkv_V1_RaftMessage {
        var proto = Distlab_Raftkv_V1_RaftMessage()
        proto.from = self.from
        proto.to = self.to
        proto.term = self.term
        return proto
    }
}
