import Foundation

/// A small deterministic random generator (SplitMix64), so a printed seed replays a test.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The seed from environment variable `name` when set, otherwise a fresh random one.
    static func seed(fromEnvironment name: String) -> UInt64 {
        ProcessInfo.processInfo.environment[name].flatMap(UInt64.init) ?? .random(in: .min ... .max)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
