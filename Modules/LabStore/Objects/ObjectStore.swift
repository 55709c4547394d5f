import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blobs stored as files under one directory, each replaced atomically and (by default) durably.
///
/// A key such as "results/abc.json" is a relative path under `directory` (see `ObjectKeyRule`);
/// its folders are created on demand. `put` writes a temporary file (in the store's staging folder,
/// see `StagingFolder`), fsyncs it, renames it over the target and fsyncs the target's folder, so a
/// reader or a crash never sees a torn
/// object and a `put` that returned survives a power loss; `put(_:_:durability: .crashConsistent)`
/// skips both fsyncs for objects that can be rebuilt (see `ObjectDurability`). Temporary files
/// never appear in `list`, and the ones left by a crashed process are removed when a store is opened.
///
/// Keys of the form "sha256/ab/cdef…" are content addresses (see `putContentAddressed(_:)`):
/// `get` checks that their bytes still hash to the key.
public struct ObjectStore: Sendable {
    /// The directory holding the objects.
    public let directory: String
    private let staging: StagingFolder

    /// Opens the store in `directory`, creating the directory if needed and removing temporary
    /// files (and staging folders) abandoned by processes that no longer run.
    public init(directory: String) throws(ObjectStoreError) {
        self.directory = directory
        self.staging = StagingFolder(root: directory)
        try POSIXFile.makeDirectories(directory)
        for file in try DirectoryWalk(root: directory).files()
        where TemporaryFile.isTemporary(name: file.name) && TemporaryFile.isAbandoned(name: file.name) {
            unlink(file.path)
        }
        try StagingFolder.removeAbandoned(in: directory)
    }

    /// Stores `data` under `key`, replacing any previous object atomically, and durably unless
    /// `durability` says otherwise.
    public func put(_ key: String, _ data: Data, durability: ObjectDurability = .synced) throws(ObjectStoreError) {
        var components = try ObjectKey.components(of: key)
        let name = String(components.removeLast())
        let folder = ([directory] + components.map(String.init)).joined(separator: "/")
        do throws(ObjectStoreError) {
            try POSIXFile.makeDirectories(folder)
            try AtomicFile.write(data, named: name, in: folder, staging: self.staging.path(), durability: durability)
        } catch let .io(_, path, code) where code == ENOTDIR || code == EISDIR {
            throw .keyConflict(key: key, path: path)
        }
    }

    /// Stores `data` under its SHA-256 content address and returns that key.
    public func putContentAddressed(_ data: Data) throws(ObjectStoreError) -> String {
        let key = ContentAddress(of: data).key
        try put(key, data)
        return key
    }

    /// The object stored under `key`.
    ///
    /// - Throws: `.notFound` if there is none; `.corruptObject` if `key` is a content address
    ///   and the bytes on disk no longer hash to it.
    public func get(_ key: String) throws(ObjectStoreError) -> Data {
        let path = try self.path(of: key)
        let fd: Int32
        do throws(ObjectStoreError) {
            fd = try POSIXFile.openDescriptor(path, flags: O_RDONLY)
        } catch let .io(_, _, code) where code == ENOENT || code == ENOTDIR {
            throw .notFound(key: key, directory: directory)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        guard POSIXFile.isRegularFile(info) else { throw .notFound(key: key, directory: directory) }
        let data = try POSIXFile.readAll(from: fd, path: path)
        if let address = ContentAddress(key: key) {
            let actual = ContentAddress(of: data)
            guard actual == address else {
                throw .corruptObject(key: key, path: path, actualSHA256: actual.hexDigest)
            }
        }
        return data
    }

    /// Whether an object is stored under `key`.
    public func exists(_ key: String) throws(ObjectStoreError) -> Bool {
        guard let info = try POSIXFile.status(path(of: key)) else { return false }
        return POSIXFile.isRegularFile(info)
    }

    /// Removes the object under `key` durably; returns false if there was none.
    /// Folders left empty stay in place (they are invisible to `list`).
    @discardableResult
    public func delete(_ key: String) throws(ObjectStoreError) -> Bool {
        let path = try self.path(of: key)
        guard let info = try POSIXFile.status(path), POSIXFile.isRegularFile(info) else { return false }
        if unlink(path) != 0 {
            if errno == ENOENT { return false }
            throw .io(operation: "unlink", path: path, errno: errno)
        }
        try POSIXFile.syncDirectory(POSIXFile.parent(of: path))
        return true
    }

    /// The keys of all objects whose key starts with `prefix`, sorted.
    ///
    /// The prefix is a plain string prefix ("results/a" matches "results/abc.json"); the part up
    /// to its last '/' must itself be a valid key, since only that folder is walked.
    public func list(prefix: String = "") throws(ObjectStoreError) -> [String] {
        var folder = ""
        if let slash = prefix.lastIndex(of: "/") {
            folder = String(prefix[..<slash])
            _ = try ObjectKey.components(of: folder)
        }
        let root = folder.isEmpty ? directory : directory + "/" + folder
        return try DirectoryWalk(root: root).files()
            .filter { !TemporaryFile.isTemporary(name: $0.name) }
            .map { folder.isEmpty ? $0.relativePath : folder + "/" + $0.relativePath }
            .filter { $0.hasPrefix(prefix) }
            .sorted()
    }

    private func path(of key: String) throws(ObjectStoreError) -> String {
        _ = try ObjectKey.components(of: key)
        return directory + "/" + key
    }
}
