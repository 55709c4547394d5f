import Foundation
import Crypto

/// `hash`: the SHA-256 of the data's UTF-8 bytes, as lowercase hex.
public struct HashOperation: TaskOperation {
    public static let name = "hash"
    public static let summary = "SHA-256 of the UTF-8 data, lowercase hex"
    public init() {}
    public func run(_ data: String) async throws -> String {
        SHA256.hash(data: Array(data.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
