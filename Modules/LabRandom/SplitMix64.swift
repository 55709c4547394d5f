/// SplitMix64: a tiny, fast, deterministic random number generator.
///
/// Everything in DistLab that must replay from a printed seed draws from this generator: the Raft
/// core's randomized election timeouts, the simulator's network, randomized tests. The same seed
/// gives the same sequence on every machine and every run.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A child generator for one component (a node, a link), independent of the parent's later draws.
    public mutating func split() -> SplitMix64 { SplitMix64(seed: self.next()) }
}
