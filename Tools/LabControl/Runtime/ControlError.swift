/// Failures of the launcher, each saying what to do next.
public enum ControlError: Error, Sendable, CustomStringConvertible {
    case commandNotFound(command: String, searched: [String])
    case portInUse(node: String, port: String, number: Int)
    case spawnFailed(node: String, reason: String)
    case notReady(node: String, reason: String, lastOutput: [String])
    case unknownNode(String, known: [String])
    case alreadyRunning(topology: String, supervisorPID: Int32)
    case notRunning(topology: String)
    case noTopology(root: String)
    case ambiguousTopology(names: [String])
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .commandNotFound(let command, let searched):
            return "command '\(command)' not found (looked in: \(searched.joined(separator: ", "))); build it with `swift build --product \(command)` or give a path"
        case .portInUse(let node, let port, let number):
            return "port \(number) (\(node).\(port)) is in use by another process; stop it, or use \"auto\" in the manifest"
        case .spawnFailed(let node, let reason):
            return "could not start \(node): \(reason)"
        case .notReady(let node, let reason, let lastOutput):
            let tail = lastOutput.isEmpty ? "(no output)" : lastOutput.map { "    \($0)" }.joined(separator: "\n")
            return "\(node) did not become ready: \(reason)\n  last output of \(node):\n\(tail)"
        case .unknownNode(let name, let known):
            return "no node named '\(name)' in this topology (nodes: \(known.joined(separator: ", ")))"
        case .alreadyRunning(let topology, let pid):
            return "topology '\(topology)' is already running (supervisor pid \(pid)); run `labctl down --topology \(topology)` first"
        case .notRunning(let topology):
            return "topology '\(topology)' is not running; start it with `labctl up MANIFEST`"
        case .noTopology(let root):
            return "no topology has run under \(root); start one with `labctl up MANIFEST`"
        case .ambiguousTopology(let names):
            return "several topologies are here (\(names.joined(separator: ", "))); choose one with --topology NAME"
        case .invalidRequest(let reason):
            return "invalid request: \(reason)"
        }
    }
}
