import LabProto
import RaftCore

// The payloads of `RaftMessage` ↔ their protobuf messages. Snapshots are not here: they travel in
// chunks (see `SnapshotChunker` and `SnapshotAssembler`).

/// `VoteRequest` ↔ `distlab.raftkv.v1.VoteRequest`.
extension VoteRequest {
    public init(proto: Distlab_Raftkv_V1_VoteRequest) throws(RaftWireError) {
        guard proto.hasLastLog else { throw .missingField("vote_request.last_log") }
        self.init(
            preVote: proto.preVote, lastLog: LogPosition(proto: proto.lastLog),
            leadershipTransfer: proto.leadershipTransfer)
    }

    public var proto: Distlab_Raftkv_V1_VoteRequest {
        var proto = Distlab_Raftkv_V1_VoteRequest()
        proto.preVote = self.preVote
        proto.lastLog = self.lastLog.proto
        proto.leadershipTransfer = self.leadershipTransfer
        return proto
    }
}

/// `VoteResponse` ↔ `distlab.raftkv.v1.VoteResponse`.
extension VoteResponse {
    public init(proto: Distlab_Raftkv_V1_VoteResponse) {
        self.init(preVote: proto.preVote, granted: proto.granted)
    }

    public var proto: Distlab_Raftkv_V1_VoteResponse {
        var proto = Distlab_Raftkv_V1_VoteResponse()
        proto.preVote = self.preVote
        proto.granted = self.granted
        return proto
    }
}

/// `AppendRequest` ↔ `distlab.raftkv.v1.AppendRequest`.
extension AppendRequest {
    public init(proto: Distlab_Raftkv_V1_AppendRequest) throws(RaftWireError) {
        guard proto.hasPrevious else { throw .missingField("append.previous") }
        var entries: [LogEntry] = []
        entries.reserveCapacity(proto.entries.count)
        for (position, entry) in proto.entries.enumerated() {
            entries.append(try LogEntry(proto: entry, field: "append.entries[\(position)]"))
        }
        self.init(
            previous: LogPosition(proto: proto.previous), entries: entries, commit: proto.commit,
            sequence: proto.sequence)
    }

    public var proto: Distlab_Raftkv_V1_AppendRequest {
        var proto = Distlab_Raftkv_V1_AppendRequest()
        proto.previous = self.previous.proto
        proto.entries = self.entries.map(\.proto)
        proto.commit = self.commit
        proto.sequence = self.sequence
        return proto
    }
}

/// `AppendResponse` ↔ `distlab.raftkv.v1.AppendResponse`.
extension AppendResponse {
    /// Copies every field, including those the core leaves zero for the other outcome.
    public init(proto: Distlab_Raftkv_V1_AppendResponse) {
        self = .rejected(
            at: proto.rejectedIndex, hintTerm: proto.hasHintTerm ? proto.hintTerm : nil,
            hintIndex: proto.hintIndex, sequence: proto.sequence)
        self.success = proto.success
        self.matchIndex = proto.matchIndex
    }

    public var proto: Distlab_Raftkv_V1_AppendResponse {
        var proto = Distlab_Raftkv_V1_AppendResponse()
        proto.success = self.success
        proto.matchIndex = self.matchIndex
        proto.rejectedIndex = self.rejectedIndex
        if let hintTerm = self.hintTerm { proto.hintTerm = hintTerm }
        proto.hintIndex = self.hintIndex
        proto.sequence = self.sequence
        return proto
    }
}
