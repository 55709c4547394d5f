import RaftKV
import RaftKVClient

/// One simulated client of `raftkv bench`: it has one operation in flight at a time.
protocol BenchClient: Sendable {
    /// Writes `value` under `key`; throws unless the store acknowledged it (durably, replicated).
    func put(key: String, value: String) async throws
    /// Reads `key` linearizably; throws unless the store answered.
    func get(key: String) async throws
}

/// A raftkv session as a bench client: it finds the leader from hints and numbers its writes.
struct RaftKVBenchClient: BenchClient {
    let session: RaftKVSession

    func put(key: String, value: String) async throws {
        try Self.check(await self.session.execute(.put(key: key, value: value)))
    }

    func get(key: String) async throws {
        try Self.check(await self.session.execute(.get(key: key), consistency: .linearizable))
    }

    private static func check(_ result: KVResult) throws {
        if case .rejected(let error) = result { throw error }
    }
}
