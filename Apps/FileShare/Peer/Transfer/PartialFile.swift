import FileShareCore
import Foundation
import SystemPackage

/// The file a download writes into (`DEST.part`): sized up front, each verified piece written at
/// its offset by whichever source delivered it, and renamed onto the destination only when every
/// piece is there. An interrupted download resumes from the pieces of the `.part` file that still
/// verify, so no separate bookkeeping can disagree with the bytes.
final class PartialFile: Sendable {
    let path: String
    let manifest: FileManifest
    private let fd: FileDescriptor
    private let existed: Bool

    /// Opens `path` (creating it if needed) for `manifest`'s file.
    init(path: String, manifest: FileManifest) throws {
        self.path = path
        self.manifest = manifest
        self.existed = FileManager.default.fileExists(atPath: path)
        self.fd = try FileDescriptor.open(FilePath(path), .readWrite, options: [.create], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        guard ftruncate(self.fd.rawValue, off_t(manifest.size)) == 0 else {
            try? self.fd.close()
            throw PeerError.storage("sizing \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        try? self.fd.close()
    }

    /// The pieces already present and correct (a resumed download); none for a new file.
    func verifiedPieces() throws -> Set<Int> {
        guard self.existed else { return [] }
        let layout = self.manifest.layout
        var good: Set<Int> = []
        for index in 0..<layout.pieceCount {
            let range = layout.range(of: index)
            let data = try DiskFile.read(self.fd, offset: range.lowerBound, count: Int(range.count))
            if self.manifest.verdict(of: data, piece: index) == .intact { good.insert(index) }
        }
        return good
    }

    /// Writes a verified piece at its place.
    func write(piece index: Int, _ data: Data) throws {
        _ = try self.fd.writeAll(toAbsoluteOffset: self.manifest.layout.range(of: index).lowerBound, data)
    }

    /// Makes the bytes durable and renames the file onto `destination` in one atomic step.
    func complete(to destination: String) throws {
        try DiskFile.commit(self.fd, from: self.path, to: destination)
    }
}
