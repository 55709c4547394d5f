import LabRandom
import Synchronization

/// The network conditions of every flow of a running topology, read by the link proxies for each
/// chunk they forward and changed by `labctl partition|heal|delay|drop|slow`. Random choices
/// (jitter, drops) come from one seeded generator, so a fault schedule can be replayed.
public final class FaultTable: Sendable {
    private let flows = Mutex<[Flow: FlowConditions]>([:])
    private let random: Mutex<SplitMix64>

    public init(seed: UInt64) {
        self.random = Mutex(SplitMix64(seed: seed))
    }

    /// What is done to `flow` now.
    public func conditions(for flow: Flow) -> FlowConditions {
        self.flows.withLock { $0[flow] } ?? FlowConditions()
    }

    /// Every flow that is not healthy, in order.
    public var faults: [FlowFault] {
        self.flows.withLock { flows in
            flows.filter { !$0.value.isHealthy }.sorted { $0.key < $1.key }.map { FlowFault(flow: $0.key, conditions: $0.value) }
        }
    }

    /// Changes the conditions of each of `flows`.
    public func update(_ flows: [Flow], _ change: (inout FlowConditions) -> Void) {
        self.flows.withLock { table in
            for flow in flows {
                var conditions = table[flow] ?? FlowConditions()
                change(&conditions)
                table[flow] = conditions.isHealthy ? nil : conditions
            }
        }
    }

    /// Makes every flow healthy again.
    public func healAll() {
        self.flows.withLock { $0.removeAll() }
    }

    /// The delay to add to one chunk: the flow's delay plus a uniform jitter, never negative.
    func delay(for conditions: FlowConditions) -> Duration {
        guard conditions.delayMilliseconds > 0 || conditions.jitterMilliseconds > 0 else { return .zero }
        let jitter = conditions.jitterMilliseconds > 0
            ? self.random.withLock { Double.random(in: -conditions.jitterMilliseconds...conditions.jitterMilliseconds, using: &$0) } : 0
        return .microseconds(Int64(max(0, conditions.delayMilliseconds + jitter) * 1_000))
    }

    /// Whether to cut the connection before forwarding one chunk.
    func shouldDrop(_ conditions: FlowConditions) -> Bool {
        guard conditions.dropPercent > 0 else { return false }
        return self.random.withLock { Double.random(in: 0..<100, using: &$0) } < conditions.dropPercent
    }
}

/// A flow and what is done to it, as `labctl status` lists it.
public struct FlowFault: Codable, Sendable, Equatable {
    public var flow: Flow
    public var conditions: FlowConditions
}
