import Foundation

/// Renders a topology's state as the table `labctl status` prints.
public enum StatusTable {
    public static func render(_ state: TopologyState) -> String {
        let supervisor = state.isSupervisorAlive ? "supervisor pid \(state.supervisorPID)" : "supervisor not running"
        var lines = ["topology \(state.name): \(state.phase.rawValue) (\(supervisor))"]
        if let failure = state.failure { lines.append("failure: \(failure)") }
        let header = ["NODE", "STATE", "PID", "PORTS", "RESTARTS", "LAST EXIT"]
        let rows = state.nodes.map { node in
            [
                node.name,
                node.phase.rawValue,
                node.pid.map(String.init) ?? "-",
                node.ports.isEmpty ? "-" : node.ports.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
                String(node.restarts),
                node.lastExit ?? "-",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingTrailingSpaces())
        }
        if let links = state.links, !links.isEmpty {
            lines.append("")
            lines.append("LINKS (through labctl)")
            for link in links {
                lines.append("  \(link.link.from) -> \(link.link.to).\(link.link.port)  port \(link.link.listenPort) -> \(link.link.targetPort)  \(link.connections) connection(s), \(link.bytes) bytes")
            }
            let faults = state.faults ?? []
            lines.append(faults.isEmpty ? "network: healthy" : "network faults:")
            for fault in faults { lines.append("  \(fault.flow): \(fault.conditions.summary)") }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
