import Dispatch
import RaftCore
import RaftStorage

/// Runs the node's blocking disk writes (SQLite commits with fsync) on a thread of their own, so
/// that they never hold one of the few threads of Swift's cooperative pool while the disk syncs.
struct StorageQueue: Sendable {
    let storage: RaftDiskStorage
    private let queue = DispatchQueue(label: "raftkv.storage")

    init(storage: RaftDiskStorage) { self.storage = storage }

    func persist(_ ready: RaftReady) async throws {
        try await self.run { try $0.persist(ready) }
    }

    func compact(to snapshot: Snapshot) async throws {
        try await self.run { try $0.compact(to: snapshot) }
    }

    private func run(_ body: @escaping @Sendable (RaftDiskStorage) throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            self.queue.async {
                do {
                    try body(self.storage)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
