import LabCheck
import RaftKV

/// How key-value operations and results are written into a checker history; shared by the
/// simulator's clients and the real-process tests.
public enum HistoryMapping {
    /// The checker's view of `operation` (single-key operations only; `list` is not checked).
    public static func operation(_ operation: RaftKV.KVOperation) -> LabCheck.KVOperation? {
        switch operation {
        case .get(let key): return .get(key: key)
        case .put(let key, let value): return .put(key: key, value: value)
        case .delete(let key): return .delete(key: key)
        case .append(let key, let suffix): return .append(key: key, suffix: suffix)
        case .cas(let key, let expected, let new): return .cas(key: key, expected: expected, new: new)
        case .list: return nil
        }
    }

    /// What a completed operation observed.
    public static func output(_ result: KVResult) -> KVOutput {
        switch result {
        case .value(let value): return .value(value)
        case .cas(let succeeded, _): return .casResult(succeeded)
        case .done, .entries, .rejected: return .ack
        }
    }
}
