/// How a simulated network misbehaves. Every message independently is lost, duplicated, delayed
/// (uniformly between `minimumDelay` and `maximumDelay`) and, with `longDelayRate`, held back much
/// longer, which reorders it behind later messages.
public struct NetworkConditions: Sendable, Hashable, CustomStringConvertible {
    public var lossRate: Double
    public var duplicateRate: Double
    public var minimumDelay: Duration
    public var maximumDelay: Duration
    public var longDelayRate: Double
    public var longDelay: Duration

    public init(
        lossRate: Double = 0, duplicateRate: Double = 0, minimumDelay: Duration = .milliseconds(1),
        maximumDelay: Duration = .milliseconds(5), longDelayRate: Double = 0, longDelay: Duration = .milliseconds(200)
    ) {
        self.lossRate = lossRate
        self.duplicateRate = duplicateRate
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.longDelayRate = longDelayRate
        self.longDelay = longDelay
    }

    /// A LAN: nothing lost, 1–5 ms.
    public static let reliable = NetworkConditions()

    /// Like MIT 6.5840's unreliable network: 10 % lost, some duplicated, up to 27 ms, a few held back.
    public static let unreliable = NetworkConditions(
        lossRate: 0.1, duplicateRate: 0.02, minimumDelay: .milliseconds(1), maximumDelay: .milliseconds(27),
        longDelayRate: 0.02, longDelay: .milliseconds(300))

    public var description: String {
        "loss=\(Int(self.lossRate * 100))% dup=\(Int(self.duplicateRate * 100))% delay=\(self.minimumDelay)…\(self.maximumDelay)"
            + (self.longDelayRate > 0 ? " long=\(Int(self.longDelayRate * 100))%×\(self.longDelay)" : "")
    }
}
