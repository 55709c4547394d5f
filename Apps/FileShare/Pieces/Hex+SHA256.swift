import Crypto
import Foundation

extension Hex {
    /// The SHA-256 of `data` as lowercase hex (64 characters), the form manifests list.
    public static func sha256(of data: Data) -> String {
        self.encode(SHA256.hash(data: data))
    }
}
