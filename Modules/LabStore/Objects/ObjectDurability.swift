/// How far a stored object survives a crash once `ObjectStore.put` has returned.
///
/// Both levels replace an object atomically (a temporary file renamed over the target), so a
/// reader never sees a partial object; they differ in what a crash of the whole machine keeps.
public enum ObjectDurability: Sendable {
    /// The object survives a power loss: the file and its folder are fsynced before `put` returns.
    case synced
    /// The object survives a crash of any process (`kill -9`), since the kernel keeps the data,
    /// but after a crash of the machine it may be missing, or empty, until the kernel had written
    /// it out. For derived copies whose durable source can rebuild them (no fsync: much cheaper).
    case crashConsistent
}
