import Foundation
import LabRandom

/// The seeded generator of randomized tests: a printed seed replays the test.
public typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// The seed from the environment variable `LAB_SEED` when replaying, otherwise a fresh one.
    public static func seedForTest() -> UInt64 {
        ProcessInfo.processInfo.environment["LAB_SEED"].flatMap(UInt64.init) ?? .random(in: .min ... .max)
    }
}
