#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of an `ObjectStore` operation, with a message naming the key or file involved.
public enum ObjectStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The key breaks one of the rules in `ObjectKeyRule`; nothing was read or written.
    case invalidKey(key: String, rule: ObjectKeyRule)
    /// No object is stored under the key.
    case notFound(key: String, directory: String)
    /// A content-addressed object's bytes do not hash to its key: the file was damaged on disk.
    case corruptObject(key: String, path: String, actualSHA256: String)
    /// The key needs a folder where an object is stored, or an object where a folder is
    /// (for example "a/b" when "a" is an object).
    case keyConflict(key: String, path: String)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)

    /// What went wrong, on which key or file, and what to do about it.
    public var description: String {
        switch self {
        case let .invalidKey(key, rule):
            return "invalid object key \(key.debugDescription): \(rule). "
                + "Keys are relative paths of '/'-separated names, such as \"results/abc.json\"."
        case let .notFound(key, directory):
            return "no object \(key.debugDescription) in the object store at '\(directory)'"
        case let .corruptObject(key, path, actualSHA256):
            return "object \(key.debugDescription) is corrupt: the bytes in '\(path)' hash to "
                + "sha256 \(actualSHA256), not to the digest in the key. "
                + "Delete it and store the content again."
        case let .keyConflict(key, path):
            return "cannot store object \(key.debugDescription): '\(path)' is in the way "
                + "(a key cannot be both an object and a folder of objects). "
                + "Choose another key or delete the conflicting object."
        case let .io(operation, path, code):
            return "\(operation) failed for '\(path)': \(String(cString: strerror(code))) "
                + "(errno \(code))"
        }
    }
}
