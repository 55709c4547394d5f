import Foundation
import LabStore

/// The objects `labtestnode object-writer` writes, parsed and checked: a sequence number, a fill
/// pattern derived from it, and a SHA-256 trailer (see ObjectWriterCommand.swift).
struct SelfCheckingObject {
    struct Torn: Error, CustomStringConvertible {
        var description: String
    }

    /// The object's sequence number (1 for the first object written).
    let sequence: UInt64

    /// Parses `data`, throwing `Torn` unless it is a complete object of `size` bytes.
    init(parsing data: Data, size: Int) throws {
        let bytes = [UInt8](data)
        guard bytes.count == size else {
            throw Torn(description: "object is \(bytes.count) bytes, expected \(size)")
        }
        let body = bytes[..<(size - 64)]
        let trailer = String(decoding: bytes[(size - 64)...], as: UTF8.self)
        guard ContentAddress(of: Data(body)).hexDigest == trailer else {
            throw Torn(description: "object's SHA-256 trailer does not match its body")
        }
        sequence = body[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        for offset in 8..<body.count
        where body[offset] != UInt8(truncatingIfNeeded: sequence &* 31 &+ UInt64(offset)) {
            throw Torn(description: "object \(sequence) has a wrong fill byte at offset \(offset)")
        }
    }
}
