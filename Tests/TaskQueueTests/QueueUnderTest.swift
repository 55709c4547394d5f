import Foundation
import GRDB
import LabTestSupport
import Logging
import PostgresNIO
import TaskQueueService

/// The queue a process test's server uses: its SQLite file, or a PostgreSQL schema of its own.
struct QueueUnderTest: Sendable {
    /// Extra `taskqueue server` arguments, as JSON array items (with a leading comma), for a manifest.
    let serverArguments: String
    private let postgres: PostgresURL?

    /// Runs `body` with a queue on `backend`, removing a PostgreSQL schema afterwards.
    static func with(_ backend: StoreBackend, _ body: (QueueUnderTest) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            try await body(QueueUnderTest(serverArguments: "", postgres: nil))
        case .postgres:
            try await StoreBackend.withPostgresSchema { url in
                let base = ProcessInfo.processInfo.environment[StoreBackend.postgresVariable] ?? ""
                let full = base + (base.contains("?") ? "&" : "?") + "schema=\(url.schema ?? "")"
                try await body(QueueUnderTest(serverArguments: #", "--store", "\#(full)""#, postgres: url))
            }
        }
    }

    /// How many rows the results table holds for task `id`.
    func resultRows(_ topology: Topology, _ id: String) async throws -> Int {
        guard let url = self.postgres else {
            let path = topology.runDirectory.dataDirectory("server").appendingPathComponent("queue.sqlite").path
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM results WHERE task_id = ?", arguments: [id]) ?? 0 }
        }
        let logger = Logger(label: "taskqueue.tests")
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable),
            id: 2, logger: logger)
        var count = 0
        do {
            let rows = try await connection.query("SELECT COUNT(*)::int FROM \(unescaped: url.schema ?? "public").results WHERE task_id = \(id)", logger: logger)
            for try await value in rows.decode(Int.self) { count = value }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return count
    }
}
