import Foundation

/// SplitMix64: a tiny deterministic generator, so that a printed seed replays a randomized test.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    /// The seed from the environment variable `LAB_SEED` when replaying, otherwise a fresh one.
    public static func seedForTest() -> UInt64 {
        ProcessInfo.processInfo.environment["LAB_SEED"].flatMap(UInt64.init) ?? .random(in: .min ... .max)
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
