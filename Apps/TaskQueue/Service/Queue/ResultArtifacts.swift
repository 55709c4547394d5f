import Foundation
import LabStore
import TaskQueueCore

/// The "S3-like" copy of each result: one JSON document per finished task in the object store,
/// under `results/<task id>.json`, written atomically after the result is committed to the queue.
///
/// The document is derived from the task's row, which is the durable record of the result, so it
/// is written `.crashConsistent` (no fsync): it survives `kill -9` of any process, and what a
/// crash of the machine loses, `repair(from:)` rebuilds from the queue when the server starts.
public struct ResultArtifacts: Sendable {
    /// How many of the most recently done tasks `repair(from:)` checks: far more than complete in
    /// the half minute the kernel may keep unwritten files after `put` returned.
    public static let repairWindow = 100_000

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private let store: ObjectStore
    /// Where documents are written, one at a time: creating a file blocks in the kernel (for long,
    /// on a busy file system), which would stall the cooperative pool's few threads, and creates in
    /// one folder contend for its lock anyway.
    private let writer = DispatchQueue(label: "taskqueue.result-documents")

    public init(directory: String) throws {
        self.store = try ObjectStore(directory: directory)
    }

    /// The object key of a task's document.
    public static func key(for id: String) -> String { "results/\(id).json" }

    /// Writes the document of a finished task; writing it again gives the same bytes.
    public func write(_ task: TaskRecord) async throws {
        try await self.put(Self.document(of: task), for: task.id)
    }

    /// Rewrites the documents of the `limit` most recently done tasks of `queue` that are missing,
    /// unreadable or differ from the result the queue holds; returns how many it checked and how
    /// many it rewrote.
    public func repair(from queue: any TaskStore, limit: Int = Self.repairWindow) async throws -> (checked: Int, rewritten: Int) {
        let done = try await queue.recentlyDone(limit: limit)
        var rewritten = 0
        for task in done {
            let document = try Self.document(of: task)
            if (try? self.store.get(Self.key(for: task.id))) != document {
                try await self.put(document, for: task.id)
                rewritten += 1
            }
        }
        return (done.count, rewritten)
    }

    /// Whether the document of task `id` exists.
    public func exists(_ id: String) -> Bool { (try? self.store.exists(Self.key(for: id))) ?? false }

    /// The path of the store's folder, for messages.
    public var directory: String { self.store.directory }

    private func put(_ document: Data, for id: String) async throws {
        let store = self.store
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            self.writer.async {
                continuation.resume(with: Result { try store.put(Self.key(for: id), document, durability: .crashConsistent) })
            }
        }
    }

    private static func document(of task: TaskRecord) throws -> Data {
        let document = ResultDocument(
            id: task.id, op: task.op, data: task.data, result: task.result ?? "", worker: task.worker ?? "",
            attempts: task.attempts, createdAt: task.createdAt, finishedAt: task.finishedAt ?? task.updatedAt)
        return try Self.encoder.encode(document)
    }
}

/// The JSON document stored per finished task.
struct ResultDocument: Codable {
    var id: String
    var op: String
    var data: String
    var result: String
    var worker: String
    var attempts: Int
    var createdAt: Date
    var finishedAt: Date
}
