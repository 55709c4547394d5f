import ArgumentParser
import Foundation
import LabStore

/// Writes self-checking objects to one key of an object store in an endless loop, so that a
/// crash-safety test can SIGKILL it at any moment and check that the object is never torn.
///
/// An object of `size` bytes is: its sequence number (8 bytes, big-endian, from 1), then fill
/// bytes where the byte at offset `i` is `UInt8(truncatingIfNeeded: sequence &* 31 &+ i)`, then
/// the 64 lowercase hex digits of the SHA-256 of everything before them. Prints "ready" on
/// stdout once the first object is stored.
struct ObjectWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "object-writer",
        abstract: "Overwrite one object-store key with self-checking objects until killed.")

    /// The smallest object: a sequence number, one fill byte and the digest.
    static let minimumSize = 8 + 1 + 64

    @Option(help: "The object store's directory (created if missing).")
    var dir: String

    @Option(help: "The key to overwrite.")
    var key: String

    @Option(help: "The size of each object in bytes (at least \(Self.minimumSize)).")
    var size: Int

    func validate() throws {
        guard size >= Self.minimumSize else {
            throw ValidationError("--size must be at least \(Self.minimumSize) bytes, got \(size)")
        }
    }

    func run() throws {
        let store = try ObjectStore(directory: dir)
        var sequence: UInt64 = 1
        while true {
            try store.put(key, Self.object(sequence: sequence, size: size))
            if sequence == 1 {
                FileHandle.standardOutput.write(Data("ready\n".utf8))
            }
            sequence += 1
        }
    }

    /// The object with number `sequence`, `size` bytes long.
    static func object(sequence: UInt64, size: Int) -> Data {
        var bytes = [UInt8](repeating: 0, count: size - 64)
        withUnsafeBytes(of: sequence.bigEndian) { bytes.replaceSubrange(0..<8, with: $0) }
        for offset in 8..<bytes.count {
            bytes[offset] = UInt8(truncatingIfNeeded: sequence &* 31 &+ UInt64(offset))
        }
        var object = Data(bytes)
        object.append(contentsOf: ContentAddress(of: object).hexDigest.utf8)
        return object
    }
}
