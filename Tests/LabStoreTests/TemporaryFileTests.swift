import LabTestSupport
import Foundation
import LabStore
import Testing

/// Temporary files: never listed, and removed on open once their writer is gone.
@Suite struct TemporaryFileTests {
    /// A process id no system hands out (Linux caps them at 2^22, macOS far lower).
    static let deadProcess = Int32.max

    @Test func abandonedTemporaryFilesAreRemovedOnOpen() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: directory.file("results"), withIntermediateDirectories: true)
        let abandoned = directory.file("results/.labstore-tmp.\(Self.deadProcess).1f")
        let live = directory.file("results/.labstore-tmp.\(getpid()).2f")
        for path in [abandoned, live] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("half".utf8)))
        }

        let store = try ObjectStore(directory: directory.path)

        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(try store.list() == [])
    }
}
