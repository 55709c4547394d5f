import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// All-or-nothing, optionally durable replacement of a file's content.
enum AtomicFile {
    /// Replaces the file `name` in `directory` with `data`, so that a reader, or the file after a
    /// process crash at any point, holds either its old content or all of `data`. With `.synced`
    /// this holds after a power loss too, and once this returns the new content survives one.
    ///
    /// Writes a temporary file in `staging` (a folder on the same file system; see
    /// `StagingFolder`) and renames it over the target; `.synced` also fsyncs the file before the
    /// rename and the directory after it. Both folders must exist.
    static func write(
        _ data: Data, named name: String, in directory: String, staging: String, durability: ObjectDurability
    ) throws(ObjectStoreError) {
        let temporaryPath = staging + "/" + TemporaryFile.makeName()
        let targetPath = directory + "/" + name
        do throws(ObjectStoreError) {
            let fd = try POSIXFile.openDescriptor(
                temporaryPath, flags: O_WRONLY | O_CREAT | O_EXCL)
            defer { close(fd) }
            try POSIXFile.writeAll(data, to: fd, path: temporaryPath)
            if durability == .synced { try POSIXFile.sync(fd, path: temporaryPath) }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        if rename(temporaryPath, targetPath) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw .io(operation: "rename", path: targetPath, errno: code)
        }
        if durability == .synced { try POSIXFile.syncDirectory(directory) }
    }
}
