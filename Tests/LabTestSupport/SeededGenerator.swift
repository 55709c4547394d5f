import LabRandom

/// The seeded generator of randomized tests: a printed seed replays the test
/// (`SplitMix64.seedForTest()` reads it from `LAB_SEED`).
public typealias SeededGenerator = SplitMix64
