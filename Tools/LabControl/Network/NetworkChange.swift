/// A change to a topology's network, as `labctl partition|heal|delay|drop|slow` ask for it.
public enum NetworkChange: Codable, Sendable, Equatable {
    /// No traffic between any two of the groups (both ways); one group alone: that group against
    /// every other node.
    case partition(groups: [[String]])
    /// Nothing from the `from` nodes reaches the `to` nodes; the other way still works.
    case oneWay(from: [String], to: [String])
    /// Back to a healthy network for these flows; none listed: for every flow.
    case heal(flows: [Flow])
    /// Adds latency (milliseconds, with a uniform jitter) to these flows.
    case delay(flows: [Flow], milliseconds: Double, jitter: Double)
    /// Cuts connections of these flows: each chunk forwarded has `percent` chance to break its connection.
    case drop(flows: [Flow], percent: Double)
    /// Limits these flows to `bytesPerSecond` (nil: no limit).
    case slow(flows: [Flow], bytesPerSecond: Int?)

    /// Every node the change names.
    var nodes: [String] {
        switch self {
        case .partition(let groups): groups.flatMap { $0 }
        case .oneWay(let from, let to): from + to
        case .heal(let flows), .delay(let flows, _, _), .drop(let flows, _), .slow(let flows, _): flows.flatMap { [$0.from, $0.to] }
        }
    }

    /// Applies the change to `faults`, among the topology's `allNodes`; returns what was done.
    func apply(to faults: FaultTable, allNodes: [String]) -> String {
        switch self {
        case .partition(var groups):
            if groups.count == 1 { groups.append(allNodes.filter { !groups[0].contains($0) }) }
            var flows: [Flow] = []
            for (index, group) in groups.enumerated() {
                for other in groups[(index + 1)...] {
                    for a in group { for b in other { flows += [Flow(from: a, to: b), Flow(from: b, to: a)] } }
                }
            }
            faults.update(flows) { $0.blocked = true }
            return "partitioned " + groups.map { $0.joined(separator: ",") }.joined(separator: " | ") + " (\(flows.count) flows blocked)"
        case .oneWay(let from, let to):
            let flows = from.flatMap { a in to.map { Flow(from: a, to: $0) } }
            faults.update(flows) { $0.blocked = true }
            return "blocked \(flows.map(\.description).joined(separator: ", ")); the other direction still flows"
        case .heal(let flows):
            if flows.isEmpty {
                faults.healAll()
                return "every link is healthy again"
            }
            faults.update(flows) { $0 = FlowConditions() }
            return "healed \(flows.map(\.description).joined(separator: ", "))"
        case .delay(let flows, let milliseconds, let jitter):
            faults.update(flows) {
                $0.delayMilliseconds = milliseconds
                $0.jitterMilliseconds = jitter
            }
            return "\(flows.map(\.description).joined(separator: ", ")): " + (faults.conditions(for: flows[0]).isHealthy ? "healthy" : faults.conditions(for: flows[0]).summary)
        case .drop(let flows, let percent):
            faults.update(flows) { $0.dropPercent = percent }
            return "\(flows.map(\.description).joined(separator: ", ")): \(percent)% of chunks cut their connection"

        case .slow(let flows, let rate):
            faults.update(flows) { $0.bytesPerSecond = rate }
            return "\(flows.map(\.description).joined(separator: ", ")): " + (rate.map { "limited to \($0) bytes/s" } ?? "no bandwidth limit")
        }
    }
}
