import LabProto
import RaftKV

/// `KVResult` → `distlab.raftkv.v1.KVReply`; decode replies with ``KVReplyOutcome/init(proto:)``.
extension KVResult {
    /// The reply carrying this result; a rejection carries the error's description.
    public var proto: Distlab_Raftkv_V1_KVReply {
        var reply = Distlab_Raftkv_V1_KVReply()
        switch self {
        case .value(let value):
            var result = Distlab_Raftkv_V1_ValueResult()
            if let value { result.value = value }
            reply.value = result
        case .done:
            reply.done = Distlab_Raftkv_V1_Done()
        case .cas(let succeeded, let current):
            var result = Distlab_Raftkv_V1_CasResult()
            result.succeeded = succeeded
            if let current { result.current = current }
            reply.cas = result
        case .entries(let pairs):
            var result = Distlab_Raftkv_V1_ListResult()
            result.entries = pairs.map { pair in
                var entry = Distlab_Raftkv_V1_KeyValue()
                entry.key = pair.key
                entry.value = pair.value
                return entry
            }
            reply.list = result
        case .rejected(let error):
            return .rejected(error.description)
        }
        return reply
    }
}
