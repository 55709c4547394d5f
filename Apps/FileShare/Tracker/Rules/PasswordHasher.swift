import Crypto
import Foundation
import _CryptoExtras

/// Slow, salted password hashing: PBKDF2-HMAC-SHA256 with a random 16-byte salt per account.
///
/// Only the salt, the round count and the 32-byte derived key are stored, never the password.
/// The round count is stored with each account, so raising it later keeps old accounts working.
public struct PasswordHasher: Sendable {
    /// The stored form of one password.
    public struct Hash: Equatable, Sendable {
        /// Random bytes mixed into the derivation, unique per account.
        public var salt: [UInt8]
        /// PBKDF2 iterations used for this account.
        public var rounds: Int
        /// The derived key.
        public var key: [UInt8]
    }

    /// The default round count: OWASP's 2023 minimum for PBKDF2-HMAC-SHA256.
    public static let defaultRounds = 600_000

    /// Iterations for new accounts.
    public var rounds: Int

    /// Creates a hasher; tests pass a small `rounds` to stay fast.
    public init(rounds: Int = Self.defaultRounds) {
        self.rounds = rounds
    }

    /// Hashes `password` with a fresh random salt.
    public func hash(_ password: String) throws -> Hash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Hash(salt: salt, rounds: self.rounds, key: try Self.derive(password, salt: salt, rounds: self.rounds))
    }

    /// Whether `password` produces `stored`, compared in constant time.
    public static func verify(_ password: String, against stored: Hash) throws -> Bool {
        let key = try derive(password, salt: stored.salt, rounds: stored.rounds)
        guard key.count == stored.key.count else { return false }
        return zip(key, stored.key).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }
}
