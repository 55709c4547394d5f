import LabProto
import RaftKV

/// `KVOperation` ↔ the `operation` oneof of `distlab.raftkv.v1.KVRequest`.
extension KVOperation {
    init(proto: Distlab_Raftkv_V1_KVRequest.OneOf_Operation) {
        switch proto {
        case .get(let get): self = .get(key: get.key)
        case .put(let put): self = .put(key: put.key, value: put.value)
        case .delete(let delete): self = .delete(key: delete.key)
        case .cas(let cas): self = .cas(key: cas.key, expected: cas.hasExpected ? cas.expected : nil, new: cas.newValue)
        case .append(let append): self = .append(key: append.key, suffix: append.suffix)
        case .list(let list): self = .list(prefix: list.prefix, limit: Int(list.limit))
        }
    }

    /// The wire form; a `list` limit beyond `UInt32.max` is clamped (negative limits fail validation).
    var proto: Distlab_Raftkv_V1_KVRequest.OneOf_Operation {
        switch self {
        case .get(let key):
            var get = Distlab_Raftkv_V1_Get()
            get.key = key
            return .get(get)
        case .put(let key, let value):
            var put = Distlab_Raftkv_V1_Put()
            put.key = key
            put.value = value
            return .put(put)
        case .delete(let key):
            var delete = Distlab_Raftkv_V1_Delete()
            delete.key = key
            return .delete(delete)
        case .append(let key, let suffix):
            var append = Distlab_Raftkv_V1_Append()
            append.key = key
            append.suffix = suffix
            return .append(append)
        case .cas(let key, let expected, let new):
            var cas = Distlab_Raftkv_V1_CompareAndSwap()
            cas.key = key
            if let expected { cas.expected = expected }
            cas.newValue = new
            return .cas(cas)
        case .list(let prefix, let limit):
            var list = Distlab_Raftkv_V1_List()
            list.prefix = prefix
            list.limit = UInt32(clamping: limit)
            return .list(list)
        }
    }
}
