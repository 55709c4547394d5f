import Crypto
import Foundation

/// The SHA-256 address of a blob, and the object key it is stored under:
/// "sha256/<first 2 hex digits>/<other 62 hex digits>".
public struct ContentAddress: Sendable, Hashable, CustomStringConvertible {
    /// The SHA-256 digest as 64 lowercase hexadecimal digits.
    public let hexDigest: String

    /// The address of `data`.
    public init(of data: Data) {
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        hexDigest = String(decoding: hex, as: UTF8.self)
    }

    /// The address an object key stands for, or nil if the key is not a content address.
    public init?(key: String) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sha256", parts[1].utf8.count == 2,
              parts[2].utf8.count == 62
        else { return nil }
        let hex = parts[1] + parts[2]
        guard hex.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) })
        else { return nil }
        hexDigest = String(hex)
    }

    /// The object key: "sha256/ab/cdef…".
    public var key: String {
        "sha256/" + hexDigest.prefix(2) + "/" + hexDigest.dropFirst(2)
    }

    /// The key, for messages.
    public var description: String { key }
}
