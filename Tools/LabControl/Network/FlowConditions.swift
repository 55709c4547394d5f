/// What the network does to one flow. The default is a healthy network.
public struct FlowConditions: Codable, Sendable, Equatable {
    /// No byte gets through (a partition): connections stay open and stall, as in a real one.
    public var blocked = false
    /// Added latency, milliseconds, and its uniform jitter (±).
    public var delayMilliseconds: Double = 0
    public var jitterMilliseconds: Double = 0
    /// Chance, per forwarded chunk, that the connection is cut (TCP loses no bytes, so a lossy
    /// network shows as connections that break).
    public var dropPercent: Double = 0
    /// Bandwidth limit in bytes per second; nil: none.
    public var bytesPerSecond: Int?

    public init() {}

    /// Whether nothing is done to the flow.
    public var isHealthy: Bool { self == FlowConditions() }

    /// A short description for `labctl status`, e.g. `blocked` or `delay 50±20ms, drop 10%`.
    public var summary: String {
        var parts: [String] = []
        if self.blocked { parts.append("blocked") }
        if self.delayMilliseconds > 0 || self.jitterMilliseconds > 0 {
            parts.append(self.jitterMilliseconds > 0 ? "delay \(Self.format(self.delayMilliseconds))±\(Self.format(self.jitterMilliseconds))ms" : "delay \(Self.format(self.delayMilliseconds))ms")
        }
        if self.dropPercent > 0 { parts.append("drop \(Self.format(self.dropPercent))%") }
        if let rate = self.bytesPerSecond { parts.append("slow \(rate) B/s") }
        return parts.isEmpty ? "healthy" : parts.joined(separator: ", ")
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
