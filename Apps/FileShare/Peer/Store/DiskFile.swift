import Foundation
import SystemPackage

/// Small file-system operations the store and downloads share: positioned reads and writes,
/// durable renames.
enum DiskFile {
    /// Reads `count` bytes at `offset` of the file at `path` (fewer only at the end of the file).
    static func read(_ path: String, offset: Int64, count: Int) throws -> Data {
        let fd = try FileDescriptor.open(FilePath(path), .readOnly)
        defer { try? fd.close() }
        return try Self.read(fd, offset: offset, count: count)
    }

    /// Reads `count` bytes at `offset` of an open file (fewer only at its end), into a buffer
    /// that is not zeroed first.
    static func read(_ fd: FileDescriptor, offset: Int64, count: Int) throws -> Data {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        var total = 0
        do {
            while total < count {
                let n = try fd.read(fromAbsoluteOffset: offset + Int64(total), into: UnsafeMutableRawBufferPointer(rebasing: buffer[total..<count]))
                if n == 0 { break }
                total += n
            }
        } catch {
            buffer.deallocate()
            throw error
        }
        return Data(bytesNoCopy: buffer.baseAddress!, count: total, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    /// Makes `path`'s content durable, renames it to `destination` and makes the rename durable.
    static func commit(_ fd: FileDescriptor, from path: String, to destination: String) throws {
        try Self.sync(fd)
        guard rename(path, destination) == 0 else { throw Errno(rawValue: errno) }
        try Self.syncDirectory(of: destination)
    }

    /// Writes `data` to `path` atomically and durably (a temporary file, fsync, rename).
    static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp"
        let fd = try FileDescriptor.open(FilePath(temporary), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        do {
            _ = try fd.writeAll(data)
            try Self.commit(fd, from: temporary, to: path)
            try fd.close()
        } catch {
            try? fd.close()
            throw error
        }
    }

    /// Fsyncs the directory holding `path`, so a rename into it survives a crash.
    static func syncDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = try FileDescriptor.open(FilePath(directory.isEmpty ? "." : directory), .readOnly)
        defer { try? fd.close() }
        try Self.sync(fd)
    }

    /// Flushes an open file (or directory) to stable storage.
    static func sync(_ fd: FileDescriptor) throws {
        guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
    }
}
