import FileShareCore
import Foundation
import Synchronization

/// The files a peer holds, on disk under its data directory: `files/ID.data` (the bytes) and
/// `files/ID.json` (the manifest), the manifest written last so that a crash never leaves a file
/// that looks complete but is not. Downloads in progress live in `partial/`.
public final class FileStore: Sendable {
    /// The peer's data directory.
    public let directory: String
    private let manifests: Mutex<[String: FileManifest]>

    /// Opens (creating if needed) the store in `directory` and loads every complete file's manifest.
    public init(directory: String) throws {
        self.directory = directory
        let files = directory + "/files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/partial", withIntermediateDirectories: true)
        var found: [String: FileManifest] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: files) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: files + "/" + name))
            let manifest = try TrackerAPI.decoder.decode(FileManifest.self, from: data)
            found[manifest.id] = manifest
        }
        self.manifests = Mutex(found)
    }

    /// Every file held, by name then id.
    public var all: [FileManifest] {
        self.manifests.withLock { Array($0.values) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// The manifest of file `id`, if held.
    public func manifest(_ id: String) -> FileManifest? {
        self.manifests.withLock { $0[id] }
    }

    /// Where file `id`'s bytes are.
    public func dataPath(_ id: String) -> String { "\(self.directory)/files/\(id).data" }

    /// Where a download of file `id` keeps its partial bytes.
    public func partialPath(_ id: String) -> String { "\(self.directory)/partial/\(id).part" }

    /// Reads piece `index` of file `id` (no verification: the receiver verifies every piece).
    public func readPiece(of id: String, index: Int) throws(PeerError) -> Data {
        guard let manifest = self.manifest(id) else { throw .unknownFile(id) }
        let layout = manifest.layout
        guard (0..<layout.pieceCount).contains(index) else { throw .pieceOutOfRange(file: id, index: index, count: layout.pieceCount) }
        let range = layout.range(of: index)
        do {
            return try DiskFile.read(self.dataPath(id), offset: range.lowerBound, count: Int(range.count))
        } catch {
            throw .storage("reading piece \(index) of \(id): \(error)")
        }
    }

    /// Where an upload in progress writes its bytes.
    func uploadPath(_ name: String) -> String { "\(self.directory)/partial/upload-\(UUID().uuidString)-\(name)" }

    /// Records `manifest` for a file whose verified bytes are already durable at `dataPath(id)`:
    /// from now on the peer holds it and serves it.
    public func register(_ manifest: FileManifest) throws {
        try DiskFile.writeAtomically(try TrackerAPI.encoder.encode(manifest), to: "\(self.directory)/files/\(manifest.id).json")
        self.manifests.withLock { $0[manifest.id] = manifest }
    }
}
