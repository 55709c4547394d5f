import LabRandom

/// A directed link between two simulated nodes.
public struct Link: Sendable, Hashable, CustomStringConvertible {
    public var from: UInt64
    public var to: UInt64

    public init(from: UInt64, to: UInt64) {
        self.from = from
        self.to = to
    }

    public var description: String { "\(self.from)→\(self.to)" }
}

/// Decides the fate of every message: when (and whether, and how many times) it arrives, given the
/// conditions and the links that are cut. Draws only from its own seeded generator.
public struct SimulatedNetwork: Sendable {
    public var conditions: NetworkConditions
    /// Cut links: messages on them are dropped. Cutting one direction makes a one-way partition.
    public private(set) var cutLinks: Set<Link> = []
    public private(set) var statistics = NetworkStatistics()
    private var random: SplitMix64

    public init(conditions: NetworkConditions, random: SplitMix64) {
        self.conditions = conditions
        self.random = random
    }

    /// The delays after which copies of a message sent now arrive: none when it is lost.
    public mutating func route(from: UInt64, to: UInt64, bytes: Int) -> [Duration] {
        self.statistics.sent += 1
        self.statistics.bytes += bytes
        if from == to { return [.zero] }
        if self.cutLinks.contains(Link(from: from, to: to)) || self.chance(self.conditions.lossRate) {
            self.statistics.dropped += 1
            return []
        }
        var delays = [self.delay()]
        if self.chance(self.conditions.duplicateRate) {
            self.statistics.duplicated += 1
            delays.append(self.delay())
        }
        return delays
    }

    /// Whether messages from `from` to `to` currently get through (ignoring random loss).
    public func isConnected(from: UInt64, to: UInt64) -> Bool { !self.cutLinks.contains(Link(from: from, to: to)) }

    public mutating func cut(_ link: Link) { self.cutLinks.insert(link) }
    public mutating func restore(_ link: Link) { self.cutLinks.remove(link) }

    /// Cuts both directions between every pair of nodes in different groups.
    public mutating func partition(_ groups: [[UInt64]]) {
        self.heal()
        for (i, group) in groups.enumerated() {
            for (j, other) in groups.enumerated() where i != j {
                for a in group { for b in other { self.cutLinks.insert(Link(from: a, to: b)) } }
            }
        }
    }

    /// Cuts `node` off from `others` in both directions.
    public mutating func isolate(_ node: UInt64, from others: [UInt64]) {
        for other in others where other != node {
            self.cut(Link(from: node, to: other))
            self.cut(Link(from: other, to: node))
        }
    }

    /// Reconnects `node` with `others` in both directions.
    public mutating func reconnect(_ node: UInt64, with others: [UInt64]) {
        for other in others where other != node {
            self.restore(Link(from: node, to: other))
            self.restore(Link(from: other, to: node))
        }
    }

    public mutating func heal() { self.cutLinks.removeAll() }

    /// A uniform draw in [0, 1).
    public mutating func unit() -> Double { Double(self.random.next() >> 11) / Double(1 << 53) }

    private mutating func chance(_ probability: Double) -> Bool { probability > 0 && self.unit() < probability }

    private mutating func delay() -> Duration {
        let span = self.conditions.maximumDelay - self.conditions.minimumDelay
        var delay = self.conditions.minimumDelay + span * self.unit()
        if self.chance(self.conditions.longDelayRate) { delay += self.conditions.longDelay * self.unit() }
        return delay
    }
}

/// What the network did, for RPC count and byte budgets and for reports.
public struct NetworkStatistics: Sendable, Hashable {
    public var sent = 0
    public var bytes = 0
    public var dropped = 0
    public var duplicated = 0
}
