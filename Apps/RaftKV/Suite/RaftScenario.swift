import RaftCore
import RaftSim

/// One test of the shared Raft suite: a scripted run of a simulated cluster that throws a
/// `SimulationFailure` when the Raft core under test misbehaves. The same scenarios grade the
/// reference core (`swift test`), a student's core (the exercise templates) and run from `raftkv sim`.
public struct RaftScenario: Sendable, CustomStringConvertible {
    public var name: String
    public var part: RaftPart
    /// The optional features the scenario needs; cores without them skip it.
    public var requires: RaftCapabilities
    /// What it checks, in one sentence.
    public var summary: String
    let body: @Sendable (ScenarioContext) throws(SimulationFailure) -> Void

    public init(
        _ name: String, part: RaftPart, requires: RaftCapabilities = [], _ summary: String,
        body: @escaping @Sendable (ScenarioContext) throws(SimulationFailure) -> Void
    ) {
        self.name = name
        self.part = part
        self.requires = requires
        self.summary = summary
        self.body = body
    }

    /// Runs the scenario against `node` with `seed`; `traceDirectory` receives the timeline on failure.
    public func run(node: any RaftNode.Type, seed: UInt64, traceDirectory: String? = nil) -> ScenarioOutcome {
        guard node.capabilities.isSuperset(of: self.requires) else { return .skipped(missing: self.requires.subtracting(node.capabilities)) }
        let context = ScenarioContext(node: node, seed: seed)
        do {
            try self.body(context)
            return .passed
        } catch {
            var tracePath: String?
            if let directory = traceDirectory, let cluster = context.lastCluster {
                tracePath = try? cluster.writeTrace(to: "\(directory)/\(self.name)-\(seed).trace.txt")
            }
            return .failed(error, trace: tracePath)
        }
    }

    public var description: String { self.name }
}

/// The parts of the lab, in the order of MIT 6.5840's Raft lab (3A–3D) plus what production Raft adds.
public enum RaftPart: String, Sendable, CaseIterable, Codable {
    case election = "3A-election"
    case replication = "3B-replication"
    case persistence = "3C-persistence"
    case snapshots = "3D-snapshots"
    case production = "production"
}

/// How a scenario ended.
public enum ScenarioOutcome: Sendable, CustomStringConvertible {
    case passed
    case skipped(missing: RaftCapabilities)
    case failed(SimulationFailure, trace: String?)

    public var description: String {
        switch self {
        case .passed: return "passed"
        case .skipped: return "skipped (feature not implemented)"
        case .failed(let failure, let trace): return "FAILED: \(failure)" + (trace.map { "\n  trace: \($0)" } ?? "")
        }
    }
}
