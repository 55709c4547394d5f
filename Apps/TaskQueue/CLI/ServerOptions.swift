import ArgumentParser
import Foundation
import TaskQueueCore
import TaskQueueService

/// Where the queue lives and how it behaves; shared by the server and the offline tools.
struct QueueOptions: ParsableArguments {
    @Option(help: "Folder for the queue database (queue.sqlite) and result documents (objects/results/).")
    var data: String = "taskqueue-data"

    @Option(help: ArgumentHelp(
        "A PostgreSQL queue that servers on many machines share, instead of the SQLite file in --data. "
            + "$NAME reads the URL from the environment variable NAME (keeps the password out of manifests).",
        valueName: "postgres://user:password@host:port/database"))
    var store: String?

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

    func validate() throws {
        _ = try self.postgresURL()
    }

    /// The PostgreSQL queue --store names, or nil for the SQLite file in --data.
    func postgresURL() throws -> PostgresURL? {
        guard var text = self.store else { return nil }
        if text.hasPrefix("$") {
            let name = String(text.dropFirst())
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw ValidationError("--store \(text): the environment variable \(name) is not set")
            }
            text = value
        }
        do { return try PostgresURL(text) } catch { throw ValidationError("--store: \(error)") }
    }

    /// Opens the queue (PostgreSQL with --store, else --data/queue.sqlite) applying `rules` (the
    /// commands pass `TaskQueueCommand.rules`, read in their `run`), runs `body` with it, and
    /// closes it when `body` returns. Result documents always go to --data/objects.
    func withService<Result: Sendable>(
        rules: any TaskLifecycleRules.Type, _ body: (QueueService) async throws -> Result
    ) async throws -> Result {
        guard let url = try self.postgresURL() else { return try await body(try self.openService(rules: rules)) }
        try FileManager.default.createDirectory(atPath: self.data, withIntermediateDirectories: true)
        let artifacts = try ResultArtifacts(directory: self.data + "/objects")
        return try await PostgresTaskStore.connect(url: url, policy: self.policy, rules: rules) { postgres in
            try await body(QueueService(store: postgres, artifacts: artifacts))
        }
    }

    /// Opens the SQLite queue in --data applying `rules`: what `withService` does without --store.
    private func openService(rules: any TaskLifecycleRules.Type) throws -> QueueService {
        try FileManager.default.createDirectory(atPath: self.data, withIntermediateDirectories: true)
        let store = try SQLiteTaskStore(path: self.data + "/queue.sqlite", policy: self.policy, rules: rules)
        return QueueService(store: store, artifacts: try ResultArtifacts(directory: self.data + "/objects"))
    }

    /// Where tasks are kept, for the start-up line (the password hidden).
    var storeDescription: String {
        (try? self.postgresURL())??.description ?? self.data + "/queue.sqlite"
    }
}
