import Foundation
import LabStore
import TaskQueueCore

/// The "S3-like" copy of each result: one JSON document per finished task in the object store,
/// under `results/<task id>.json`, written atomically after the result is committed to the queue.
public struct ResultArtifacts: Sendable {
    private let store: ObjectStore

    public init(directory: String) throws {
        self.store = try ObjectStore(directory: directory)
    }

    /// The object key of a task's document.
    public static func key(for id: String) -> String { "results/\(id).json" }

    /// Writes the document of a finished task; writing it again gives the same bytes.
    public func write(_ task: TaskRecord) throws {
        let document = ResultDocument(
            id: task.id, op: task.op, data: task.data, result: task.result ?? "", worker: task.worker ?? "",
            attempts: task.attempts, createdAt: task.createdAt, finishedAt: task.finishedAt ?? task.updatedAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try self.store.put(Self.key(for: task.id), try encoder.encode(document))
    }

    /// Whether the document of task `id` exists.
    public func exists(_ id: String) -> Bool { (try? self.store.exists(Self.key(for: id))) ?? false }

    /// The path of the store's folder, for messages.
    public var directory: String { self.store.directory }
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
