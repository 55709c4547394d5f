import Foundation
import LabRandom
import RaftCore
import RaftSim

/// What a scenario gets: the core under test, the seed, and checks that fail with the cluster's
/// seed and a clear message.
public final class ScenarioContext: @unchecked Sendable {
    public let node: any RaftNode.Type
    public let seed: UInt64
    /// The cluster made last, whose trace is written when the scenario fails.
    public private(set) var lastCluster: SimulatedCluster?

    init(node: any RaftNode.Type, seed: UInt64) {
        self.node = node
        self.seed = seed
    }

    /// A cluster of the core under test, seeded with the scenario's seed.
    public func cluster(_ nodes: Int, configure: (inout ClusterOptions) -> Void = { _ in }) -> SimulatedCluster {
        var options = ClusterOptions(nodeCount: nodes, seed: self.seed)
        configure(&options)
        let cluster = SimulatedCluster(options, node: self.node)
        self.lastCluster = cluster
        return cluster
    }

    /// Fails the scenario with `message` unless `condition` holds.
    public func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(SimulationFailure) {
        guard !condition else { return }
        throw SimulationFailure(message: message(), seed: self.seed, virtualTime: self.lastCluster?.now ?? .zero)
    }

    /// Fails on any safety violation the cluster's monitor saw.
    public func expectSafe(_ cluster: SimulatedCluster) throws(SimulationFailure) {
        try self.expect(cluster.violations.isEmpty, "safety violated: \(cluster.violations.prefix(3).joined(separator: "; "))")
    }

    /// A deterministic generator for the scenario's own choices (which node to crash…).
    public func random() -> SplitMix64 { SplitMix64(seed: self.seed ^ 0x5EED) }
}
