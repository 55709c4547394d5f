import Foundation
import LabTestSupport
import Logging
import PostgresNIO
import TaskQueueCore
import TaskQueueService
import Testing

/// A queue backend under test.
enum StoreBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    /// The environment variable naming the PostgreSQL server to test against
    /// (`Tools/postgres/start-test-server.sh` starts one and prints it).
    static let postgresVariable = "TASKQUEUE_POSTGRES_URL"

    /// The backends this machine can test: PostgreSQL only when `TASKQUEUE_POSTGRES_URL` is set.
    static var available: [StoreBackend] {
        ProcessInfo.processInfo.environment[Self.postgresVariable] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { self.rawValue }

    /// Runs `body` with a fresh, empty store, removed afterwards.
    func withStore(policy: QueuePolicy, _ body: (any TaskStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = try TemporaryDirectory(prefix: "TaskQueueTests")
            try await body(try SQLiteTaskStore(path: folder.file("queue.sqlite"), policy: policy))
            _ = folder
        case .postgres:
            try await Self.withPostgresSchema { url in
                try await PostgresTaskStore.connect(url: url, policy: policy) { store in try await body(store) }
            }
        }
    }

    /// Runs `body` with the URL of the test server and a schema of its own, so tests run in
    /// parallel without seeing each other's tasks; drops the schema afterwards.
    static func withPostgresSchema(_ body: (PostgresURL) async throws -> Void) async throws {
        let text = try #require(ProcessInfo.processInfo.environment[Self.postgresVariable], "\(Self.postgresVariable) is not set")
        var url = try PostgresURL(text)
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        url.schema = schema
        do {
            try await body(url)
        } catch {
            try? await self.dropSchema(schema, url: url)
            throw error
        }
        try await self.dropSchema(schema, url: url)
    }

    private static func dropSchema(_ schema: String, url: PostgresURL) async throws {
        let logger = Logger(label: "taskqueue.tests")
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await connection.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
