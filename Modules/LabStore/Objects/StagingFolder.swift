#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The folder where a store writes its temporary files before renaming them into place: one per
/// opened store, created on the first `put`, named like a temporary file (so it is abandoned, and
/// removed, when its process is gone) and removed when the store is no longer used.
///
/// Why not write the temporary file next to its target: creating a file is the slow part of a
/// `put`, and it holds the target folder's lock meanwhile; worse, on ext4 without a journal (this
/// course's machines) the kernel allocates the new inode near the folder's and skips, one by one,
/// every inode freed there in the last minutes, so a folder next to recently deleted files (a
/// removed bench run, a compiler's temporary files in /tmp) makes each create cost up to ~0.5 ms
/// instead of ~35 µs. The store's root is therefore marked a "top directory" (`chattr +T`, best
/// effort, ext4 only), which makes ext4 place each new staging folder, and so each new inode, in a
/// block group of its own chosen by the folder's random name.
final class StagingFolder: Sendable {
    /// The ext4 inode flag "top of directory hierarchy" (`FS_TOPDIR_FL`).
    private static let topDirectoryFlag: Int32 = 0x0002_0000
    /// `FS_IOC_GETFLAGS` and `FS_IOC_SETFLAGS` on 64-bit Linux.
    private static let getFlags: UInt = 0x8008_6601
    private static let setFlags: UInt = 0x4008_6602

    private let root: String
    private let created = Mutex<String?>(nil)

    /// The staging folder of a store whose directory is `root`; nothing is created yet.
    init(root: String) {
        self.root = root
    }

    deinit {
        if let path = self.created.withLock({ $0 }) { rmdir(path) }
    }

    /// The folder's path, creating it on first use.
    func path() throws(ObjectStoreError) -> String {
        try self.created.withLock { (created: inout String?) throws(ObjectStoreError) -> String in
            if let path = created { return path }
            Self.markAsTopDirectory(self.root)
            let path = self.root + "/" + TemporaryFile.makeName()
            guard mkdir(path, 0o755) == 0 else { throw .io(operation: "create directory", path: path, errno: errno) }
            created = path
            return path
        }
    }

    /// Removes the staging folders of `root` whose process is gone (after their files were).
    static func removeAbandoned(in root: String) throws(ObjectStoreError) {
        for name in try POSIXFile.entries(of: root)
        where TemporaryFile.isTemporary(name: name) && TemporaryFile.isAbandoned(name: name) {
            let path = root + "/" + name
            if let info = try POSIXFile.status(path), POSIXFile.isDirectory(info) { rmdir(path) }
        }
    }

    /// Sets ext4's top-directory flag on `directory`; other file systems refuse, which is fine.
    private static func markAsTopDirectory(_ directory: String) {
        #if os(Linux)
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var flags: Int32 = 0
        guard ioctl(fd, Self.getFlags, &flags) == 0, flags & Self.topDirectoryFlag == 0 else { return }
        flags |= Self.topDirectoryFlag
        _ = ioctl(fd, Self.setFlags, &flags)
        #endif
    }
}
