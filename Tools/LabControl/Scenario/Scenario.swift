import Foundation

/// A scripted run (`labctl run FILE`): a topology, a workload, timed faults and a check.
///
/// `args` may use the manifest's templates (`{{n1.host}}:{{n1.client}}`) and `{{run.report}}` (the
/// report folder), `{{run.duration}}` (seconds) and `{{run.seed}}`. A fault's `node` (or a word of
/// its `args`) may be `leader`, resolved when the fault fires by the `leader` probe.
public struct Scenario: Codable, Sendable {
    /// A program the scenario runs (the workload, the check, the leader probe).
    public struct Command: Codable, Sendable {
        public var command: String
        public var args: [String]
    }

    /// How to find the current leader: run `command`, match `pattern` (a regular expression with
    /// one group) on its output, and put the group into `node` in place of `$1` (e.g. `n$1`).
    public struct LeaderProbe: Codable, Sendable {
        public var command: String
        public var args: [String]
        public var pattern: String
        public var node: String
    }

    /// One timed fault.
    public struct Fault: Codable, Sendable {
        /// Seconds after the workload starts; two numbers: a time drawn between them (seeded).
        public var at: [Double]
        /// kill, stop, restart, pause, resume, partition, heal, delay, drop, slow, or exec (run
        /// `args` as a command, e.g. a lab's own fault injector).
        public var action: String
        /// The node, for kill, stop, restart, pause and resume.
        public var node: String?
        /// The arguments `labctl ACTION` would take, for the network actions.
        public var args: [String]?

        enum CodingKeys: String, CodingKey { case at, action, node, args }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let single = try? container.decode(Double.self, forKey: .at) {
                self.at = [single]
            } else {
                self.at = try container.decode([Double].self, forKey: .at)
            }
            self.action = try container.decode(String.self, forKey: .action)
            self.node = try container.decodeIfPresent(String.self, forKey: .node)
            self.args = try container.decodeIfPresent([String].self, forKey: .args)
        }
    }

    public var name: String
    public var description: String?
    /// The manifest, relative to the scenario file.
    public var manifest: String
    /// Seconds the workload runs.
    public var duration: Double
    public var workload: Command
    public var faults: [Fault]
    public var check: Command
    public var leader: LeaderProbe?

    /// The actions a fault may take.
    public static let actions = ["kill", "stop", "restart", "pause", "resume", "partition", "heal", "delay", "drop", "slow", "exec"]

    /// Reads and checks a scenario file.
    public static func load(contentsOf url: URL) throws -> Scenario {
        let scenario: Scenario
        do {
            scenario = try JSONDecoder().decode(Scenario.self, from: Data(contentsOf: url))
        } catch {
            throw ScenarioError.unreadable(url.path, "\(error)")
        }
        for (index, fault) in scenario.faults.enumerated() {
            guard Self.actions.contains(fault.action) else {
                throw ScenarioError.invalid(url.path, "faults[\(index)].action '\(fault.action)' is not one of \(Self.actions.joined(separator: ", "))")
            }
            guard (1...2).contains(fault.at.count), fault.at.allSatisfy({ $0 >= 0 && $0 <= scenario.duration }) else {
                throw ScenarioError.invalid(url.path, "faults[\(index)].at must be a time (or two) between 0 and the duration")
            }
            if ["kill", "stop", "restart", "pause", "resume"].contains(fault.action), fault.node == nil {
                throw ScenarioError.invalid(url.path, "faults[\(index)] (\(fault.action)) needs a node")
            }
            if fault.action == "exec", fault.args?.isEmpty ?? true {
                throw ScenarioError.invalid(url.path, "faults[\(index)] (exec) needs args: the command and its arguments")
            }
            if fault.node == "leader" || fault.args?.contains(where: { $0.contains("leader") }) == true, scenario.leader == nil {
                throw ScenarioError.invalid(url.path, "faults[\(index)] names the leader, but the scenario has no leader probe")
            }
        }
        guard scenario.duration > 0, scenario.duration <= 3_600 else { throw ScenarioError.invalid(url.path, "duration must be between 0 and 3600 seconds") }
        return scenario
    }
}

/// A scenario that cannot be run.
public enum ScenarioError: Error, CustomStringConvertible {
    case unreadable(String, String)
    case invalid(String, String)
    case probeFailed(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let detail): "\(path): not a scenario file: \(detail)"
        case .invalid(let path, let detail): "\(path): \(detail)"
        case .probeFailed(let detail): "cannot tell the leader: \(detail)"
        }
    }
}
