import LabProto
import RaftCore

/// `LogEntry` ↔ `distlab.raftkv.v1.LogEntry`.
extension LogEntry {
    /// Decodes `proto`; `field` names it in errors ("append.entries[3]").
    public init(proto: Distlab_Raftkv_V1_LogEntry, field: String = "entry") throws(RaftWireError) {
        let payload: Payload
        switch proto.payload {
        case .command(let data): payload = .command(data)
        case .noop: payload = .noop
        case .membership(let membership):
            payload = .membership(try Membership(proto: membership, field: "\(field).membership"))
        case nil: throw .missingOneof(field: field, oneof: "payload")
        }
        self.init(index: proto.index, term: proto.term, payload: payload)
    }

    public var proto: Distlab_Raftkv_V1_LogEntry {
        var proto = Distlab_Raftkv_V1_LogEntry()
        proto.index = self.index
        proto.term = self.term
        switch self.payload {
        case .command(let data): proto.command = data
        case .noop: proto.noop = true
        case .membership(let membership): proto.membership = membership.proto
        }
        return proto
    }
}
