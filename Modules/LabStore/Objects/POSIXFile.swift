import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls the object store needs, retrying on EINTR and reporting
/// failures as `ObjectStoreError.io`.
enum POSIXFile {
    /// Opens `path` and returns its descriptor.
    static func openDescriptor(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(ObjectStoreError) -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw .io(operation: "open", path: path, errno: errno) }
        }
    }

    /// Writes all of `data` to `fd`.
    static func writeAll(_ data: Data, to fd: Int32, path: String) throws(ObjectStoreError) {
        let failure: Int32? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw .io(operation: "write", path: path, errno: failure) }
    }

    /// Reads `fd` to its end.
    static func readAll(from fd: Int32, path: String) throws(ObjectStoreError) -> Data {
        var result = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count == 0 { return result }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Flushes `fd`'s data and metadata to stable storage.
    static func sync(_ fd: Int32, path: String) throws(ObjectStoreError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw .io(operation: "fsync", path: path, errno: errno) }
        }
    }

    /// Flushes the entries of directory `path` (creations, renames, removals) to stable storage.
    static func syncDirectory(_ path: String) throws(ObjectStoreError) {
        let fd = try openDescriptor(path, flags: O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try sync(fd, path: path)
    }

    /// The `stat` of `path` (not following a final symbolic link), or nil if it does not exist.
    static func status(_ path: String) throws(ObjectStoreError) -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw .io(operation: "stat", path: path, errno: errno)
    }

    /// Whether a `stat` describes a regular file.
    static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    /// Whether a `stat` describes a directory.
    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }

    /// Creates directory `path` and any missing parents, making each creation durable.
    static func makeDirectories(_ path: String) throws(ObjectStoreError) {
        if mkdir(path, 0o755) == 0 {
            try syncDirectory(parent(of: path))
            return
        }
        switch errno {
        case EEXIST:
            guard let info = try status(path), isDirectory(info) else {
                throw .io(operation: "create directory", path: path, errno: ENOTDIR)
            }
        case ENOENT where parent(of: path) != path, ENOTDIR where parent(of: path) != path:
            try makeDirectories(parent(of: path))
            try makeDirectories(path)
        default:
            throw .io(operation: "create directory", path: path, errno: errno)
        }
    }

    /// The names in directory `path`, without "." and "..".
    static func entries(of path: String) throws(ObjectStoreError) -> [String] {
        guard let directory = opendir(path) else {
            throw .io(operation: "open directory", path: path, errno: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The directory part of `path` ("." for a bare name, "/" for the root).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
