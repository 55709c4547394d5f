import LabTestSupport
import Foundation
import LabStore
import Testing

/// Storing, reading, listing and deleting objects.
@Suite struct ObjectStoreTests {
    let directory: TemporaryDirectory
    let store: ObjectStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try ObjectStore(directory: directory.file("objects"))
    }

    @Test func putThenGetRoundTrips() throws {
        try store.put("a.bin", Data([0, 1, 2, 255]))
        try store.put("empty", Data())
        #expect(try store.get("a.bin") == Data([0, 1, 2, 255]))
        #expect(try store.get("empty") == Data())
    }

    @Test func putReplacesThePreviousObject() throws {
        try store.put("k", Data("first, longer".utf8))
        try store.put("k", Data("second".utf8))
        #expect(try store.get("k") == Data("second".utf8))
    }

    @Test func aCrashConsistentPutReplacesWholeObjectsAndLeavesNoTemporaryFile() throws {
        try store.put("results/k.json", Data("first, longer".utf8), durability: .crashConsistent)
        try store.put("results/k.json", Data("second".utf8), durability: .crashConsistent)
        #expect(try store.get("results/k.json") == Data("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("objects/results")) == ["k.json"])
    }

    @Test func nestedKeysCreateFolders() throws {
        let large = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try store.put("results/2024/abc.json", large)
        var isDirectory: ObjCBool = false
        let folder = directory.file("objects/results/2024")
        #expect(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(try store.get("results/2024/abc.json") == large)
    }

    @Test func existsAndDelete() throws {
        try store.put("dir/x", Data("x".utf8))
        #expect(try store.exists("dir/x"))
        #expect(try !store.exists("dir"))
        #expect(try !store.exists("missing"))
        #expect(try store.delete("dir/x"))
        #expect(try !store.delete("dir/x"))
        #expect(try !store.exists("dir/x"))
    }

    @Test func getOfAMissingKeyIsNotFound() throws {
        try store.put("dir/x", Data())
        for key in ["missing", "dir", "dir/x/y", "nowhere/y"] {
            #expect(throws: ObjectStoreError.notFound(key: key, directory: store.directory)) {
                try store.get(key)
            }
        }
    }

    @Test func listFiltersByPrefixAndSorts() throws {
        for key in ["results/b.json", "a.txt", "results/a.json", "results/x/y.bin", "resultsfile"] {
            try store.put(key, Data(key.utf8))
        }
        #expect(try store.list() ==
            ["a.txt", "results/a.json", "results/b.json", "results/x/y.bin", "resultsfile"])
        #expect(try store.list(prefix: "results/") == ["results/a.json", "results/b.json", "results/x/y.bin"])
        #expect(try store.list(prefix: "results/a") == ["results/a.json"])
        #expect(try store.list(prefix: "results") ==
            ["results/a.json", "results/b.json", "results/x/y.bin", "resultsfile"])
        #expect(try store.list(prefix: "results/x/") == ["results/x/y.bin"])
        #expect(try store.list(prefix: "nothing/") == [])
        #expect(throws: ObjectStoreError.invalidKey(key: "..", rule: .dotComponent(".."))) {
            try store.list(prefix: "../")
        }
    }

    @Test func aKeyCannotBeBothAnObjectAndAFolder() throws {
        try store.put("a", Data())
        let underObject = #expect(throws: ObjectStoreError.self) { try store.put("a/b", Data()) }
        #expect(underObject == .keyConflict(key: "a/b", path: directory.file("objects/a")))
        try store.put("c/d", Data())
        let overFolder = #expect(throws: ObjectStoreError.self) { try store.put("c", Data()) }
        #expect(overFolder == .keyConflict(key: "c", path: directory.file("objects/c")))
        #expect(try store.list() == ["a", "c/d"])
    }
}
