import ArgumentParser
import Foundation
import TaskQueueCore
import TaskQueueService

/// Where the queue lives and how it behaves; shared by the server and the offline tools.
struct QueueOptions: ParsableArguments {
    @Option(help: "Folder for the queue database (queue.sqlite) and result documents (results/).")
    var data: String = "taskqueue-data"

    @Option(help: "Seconds a leased task stays invisible to other workers unless extended.")
    var visibilityTimeout: Double = 30

    @Option(help: "Attempts per task before it is dead-lettered.")
    var maxAttempts: Int = 5

    @Option(help: "Seconds before the first retry; doubles per attempt, capped at 60.")
    var retryDelay: Double = 0.5

    var policy: QueuePolicy {
        QueuePolicy(
            visibilityTimeout: .milliseconds(Int64(self.visibilityTimeout * 1000)),
            maxAttempts: self.maxAttempts,
            retryBaseDelay: .milliseconds(Int64(self.retryDelay * 1000)))
    }

    /// Opens the queue in the data folder.
    func openService() throws -> QueueService {
        try FileManager.default.createDirectory(atPath: self.data, withIntermediateDirectories: true)
        let store = try SQLiteTaskStore(path: self.data + "/queue.sqlite", policy: self.policy)
        return QueueService(store: store, artifacts: try ResultArtifacts(directory: self.data + "/objects"))
    }
}
