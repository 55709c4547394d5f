import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable, all-or-nothing replacement of a file's content.
enum AtomicFile {
    /// Replaces the file `name` in `directory` with `data`, so that after a crash at any point
    /// the file holds either its old content or all of `data`, and once this returns the new
    /// content survives a power loss.
    ///
    /// Writes a temporary file in the same directory, fsyncs it, renames it over the target and
    /// fsyncs the directory. The directory must exist.
    static func write(_ data: Data, named name: String, in directory: String) throws(ObjectStoreError) {
        let temporaryPath = directory + "/" + TemporaryFile.makeName()
        let targetPath = directory + "/" + name
        do throws(ObjectStoreError) {
            let fd = try POSIXFile.openDescriptor(
                temporaryPath, flags: O_WRONLY | O_CREAT | O_EXCL)
            defer { close(fd) }
            try POSIXFile.writeAll(data, to: fd, path: temporaryPath)
            try POSIXFile.sync(fd, path: temporaryPath)
        } catch {
            unlink(temporaryPath)
            throw error
        }
        if rename(temporaryPath, targetPath) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw .io(operation: "rename", path: targetPath, errno: code)
        }
        try POSIXFile.syncDirectory(directory)
    }
}
