import Foundation
import LabRandom
import LabSim
import RaftCore
import RaftSim

/// One randomized run: a key-value workload on a cluster hit by random faults for a while, then
/// healed; it passes when no safety property broke, every client history is linearizable, and the
/// healed cluster agrees again. `raftkv sim` and the test suite run many seeds of it.
public struct RandomizedRun: Sendable {
    /// Which faults a run draws from.
    public enum Faults: String, Sendable, CaseIterable, Codable {
        /// None: a baseline.
        case none
        /// Crashes and restarts.
        case crashes
        /// Partitions (also one-way), healed at random.
        case partitions
        /// A lossy, duplicating, reordering network plus crashes and partitions.
        case unreliable
    }

    public var nodes: Int
    public var clients: Int
    public var faults: Faults
    /// Virtual time under faults, before the cluster is healed.
    public var duration: Duration
    public var snapshotInterval: Int?

    public init(nodes: Int = 5, clients: Int = 3, faults: Faults = .unreliable, duration: Duration = .seconds(3), snapshotInterval: Int? = 20) {
        self.nodes = nodes
        self.clients = clients
        self.faults = faults
        self.duration = duration
        self.snapshotInterval = snapshotInterval
    }

    /// Runs seed `seed` against `node`; with `traceDirectory`, a failing run's timeline (and the
    /// checker's report) is written there.
    public func run(seed: UInt64, node: any RaftNode.Type, traceDirectory: String? = nil) -> RandomizedOutcome {
        let context = ScenarioContext(node: node, seed: seed)
        var operations = 0
        do {
            try self.body(context, tracing: traceDirectory != nil, operations: &operations)
            return RandomizedOutcome(seed: seed, operations: operations, failure: nil, trace: nil)
        } catch {
            var trace: String?
            if let directory = traceDirectory, let cluster = context.lastCluster {
                trace = try? cluster.writeTrace(to: "\(directory)/random-\(self.faults.rawValue)-\(seed).trace.txt")
            }
            return RandomizedOutcome(seed: seed, operations: operations, failure: error, trace: trace)
        }
    }

    private func body(_ test: ScenarioContext, tracing: Bool, operations: inout Int) throws(SimulationFailure) {
        let cluster = test.cluster(self.nodes) {
            $0.snapshotInterval = self.snapshotInterval
            $0.network = self.faults == .unreliable ? .unreliable : .reliable
            $0.tracing = tracing
            $0.clockSkew = 0.1
        }
        var random = test.random()
        cluster.startClients(self.clients)
        let end = cluster.now + self.duration
        while cluster.now < end {
            self.injectFault(into: cluster, random: &random)
            cluster.run(for: .milliseconds(50 + Int(random.next() % 350)))
        }
        cluster.heal()
        cluster.setNetwork(.reliable)
        for id in cluster.ids {
            cluster.resume(id)
            cluster.restart(id)
        }
        cluster.run(for: .seconds(2))
        cluster.stopClients()
        operations = cluster.clientStatistics.completed
        try test.expectSafe(cluster)
        try cluster.one(cluster.uniqueCommand("final"), expected: self.nodes)
        try test.expectLinearizable(cluster, budget: .seconds(10))
    }

    private func injectFault(into cluster: SimulatedCluster, random: inout SplitMix64) {
        let id = cluster.ids[Int(random.next() % UInt64(cluster.ids.count))]
        let crashes = self.faults == .crashes || self.faults == .unreliable
        let partitions = self.faults == .partitions || self.faults == .unreliable
        switch random.next() % 6 {
        case 0 where crashes: cluster.crash(id)
        case 1 where crashes: cluster.restart(id)
        case 2 where partitions:
            let shuffled = cluster.ids.shuffled(using: &random)
            let cut = 1 + Int(random.next() % UInt64(cluster.ids.count - 1))
            cluster.partition([Array(shuffled.prefix(cut)), Array(shuffled.dropFirst(cut))])
        case 3 where partitions:
            let other = cluster.ids[Int(random.next() % UInt64(cluster.ids.count))]
            if other != id { cluster.cutOneWay(from: id, to: other) }
        case 4 where crashes:
            if cluster.isUp(id) { cluster.pause(id) } else { cluster.resume(id) }
        default:
            if partitions { cluster.heal() }
        }
    }
}

/// The result of one randomized run.
public struct RandomizedOutcome: Sendable, CustomStringConvertible {
    public var seed: UInt64
    /// Client operations completed.
    public var operations: Int
    public var failure: SimulationFailure?
    /// The timeline of a failed run, when one was asked for.
    public var trace: String?

    public var passed: Bool { self.failure == nil }

    public var description: String {
        guard let failure else { return "seed \(self.seed): ok (\(self.operations) operations)" }
        return "seed \(self.seed): FAILED: \(failure.message)" + (self.trace.map { "\n  trace: \($0)" } ?? "")
    }
}
