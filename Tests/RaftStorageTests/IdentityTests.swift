import Foundation
import LabTestSupport
import RaftCore
import RaftStorage
import Testing

/// A data directory belongs to one node of one cluster; opening it as another is refused.
@Suite struct IdentityTests {
    static let owner = ClusterIdentity(clusterID: "alpha", nodeID: 1)

    func ownedDirectory() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.path, identity: Self.owner)
        try storage.persist(RaftReady(hardState: HardState(term: 3, vote: 1, commit: 0)))
        return directory
    }

    @Test(arguments: [ClusterIdentity(clusterID: "beta", nodeID: 1), ClusterIdentity(clusterID: "alpha", nodeID: 2)])
    func anotherIdentityIsRefusedWithAClearMessage(stranger: ClusterIdentity) throws {
        let directory = try self.ownedDirectory()
        let error = #expect(throws: RaftStorageError.self) {
            try RaftDiskStorage(directory: directory.path, identity: stranger)
        }
        #expect(error == .foreignDataDirectory(
            path: directory.path, expectedCluster: stranger.clusterID, expectedNode: stranger.nodeID,
            foundCluster: "alpha", foundNode: 1))
        let message = error?.description ?? ""
        #expect(message.contains("belongs to node 1 of cluster 'alpha'"), "\(message)")
        #expect(message.contains("not to node \(stranger.nodeID) of cluster '\(stranger.clusterID)'"), "\(message)")
        #expect(message.contains("--data-dir") && message.contains("delete"), "\(message)")

        // The refused open changed nothing: the owner still finds its state.
        let reopened = try RaftDiskStorage(directory: directory.path, identity: Self.owner)
        #expect(try reopened.load().hardState == HardState(term: 3, vote: 1, commit: 0))
    }

    @Test func aDirectoryThatIsAFileIsADatabaseErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("not-a-directory")
        try #require(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let error = #expect(throws: RaftStorageError.self) {
            try RaftDiskStorage(directory: file, identity: Self.owner)
        }
        guard case .database(let message) = error else {
            Issue.record("expected .database, got \(String(describing: error))")
            return
        }
        #expect(message.contains(file), "\(message)")
    }
}
