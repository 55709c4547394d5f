import Foundation
import LabTestSupport
import Logging
import TaskQueueCore
import TaskQueueService
import Testing

/// Result documents are written without fsync; the server rebuilds lost or damaged ones from the
/// queue when it starts.
@Suite("Result documents")
struct ResultArtifactsTests {
    @Test(arguments: StoreBackend.available)
    func missingAndDamagedDocumentsAreRebuiltAtStartup(backend: StoreBackend) async throws {
        try await backend.withStore(policy: QueuePolicy()) { store in
            let folder = try TemporaryDirectory(prefix: "ResultArtifactsTests")
            var logger = Logger(label: "test.artifacts")
            logger.logLevel = .warning
            let service = QueueService(store: store, artifacts: try ResultArtifacts(directory: folder.file("objects")), logger: logger)
            for data in ["a", "b", "c"] { _ = try await service.submit(TaskSubmission(op: "uppercase", data: data)) }
            var paths: [String] = []
            for task in try await service.lease(worker: "w", limit: 3, wait: .zero) {
                _ = try await service.complete(id: task.id, token: task.leaseToken ?? "", result: task.data.uppercased(), worker: "w")
                paths.append(folder.file("objects/" + ResultArtifacts.key(for: task.id)))
            }
            try #require(paths.count == 3)
            let written = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }

            try FileManager.default.removeItem(atPath: paths[0])                     // lost
            try Data().write(to: URL(fileURLWithPath: paths[1]))                      // empty after a machine crash
            try Data(#"{"id":"x"}"#.utf8).write(to: URL(fileURLWithPath: paths[2]))   // not the stored result

            try await service.repairResultDocuments()
            #expect(try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == written)
            let again = try await service.artifacts.repair(from: store)
            #expect(again.checked == 3 && again.rewritten == 0)
            _ = folder
        }
    }
}
