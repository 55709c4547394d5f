import Foundation

extension SplitMix64 {
    /// The seed of a randomized test or graded check: `LAB_SEED` from the environment when replaying
    /// a printed seed, otherwise a fresh random one.
    public static func seedForTest() -> UInt64 {
        ProcessInfo.processInfo.environment["LAB_SEED"].flatMap(UInt64.init) ?? .random(in: .min ... .max)
    }
}
