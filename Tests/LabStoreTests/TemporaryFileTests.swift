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

    @Test func abandonedStagingFoldersAreRemovedOnOpen() throws {
        let directory = try TemporaryDirectory()
        let abandoned = directory.file(".labstore-tmp.\(Self.deadProcess).3f")
        let live = directory.file(".labstore-tmp.\(getpid()).4f")
        for path in [abandoned, live] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: path + "/.labstore-tmp.\(Self.deadProcess).5f", contents: Data("half".utf8)))
        }

        _ = try ObjectStore(directory: directory.path)

        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(!FileManager.default.fileExists(atPath: live + "/.labstore-tmp.\(Self.deadProcess).5f"))
    }

    /// A store writes its temporary files in a staging folder of its own, and removes the folder
    /// once the store is no longer used: the root then holds only the objects.
    @Test func putsLeaveOnlyTheirObjects() throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try ObjectStore(directory: directory.path)
            for index in 0..<3 {
                try store.put("results/\(index).json", Data("{}".utf8), durability: .crashConsistent)
            }
            let staging = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".labstore-tmp.\(getpid()).") }
            #expect(staging.count == 1, "one staging folder while the store is open")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file(staging.first ?? "")) == [])
            #expect(try store.list() == ["results/0.json", "results/1.json", "results/2.json"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["results"])
    }
}
