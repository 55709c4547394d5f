/// The stretches of a run during which a fault was in force, for shading a latency plot: a
/// network fault lasts until the next heal, a killed, stopped or paused node until it is
/// restarted or resumed; whatever is still in force lasts until the end.
enum FaultWindows {
    struct Window: Codable, Equatable {
        var label: String
        var start: Double
        var end: Double
    }

    static func windows(_ faults: [ScenarioSummary.Injected], until end: Double) -> [Window] {
        var windows: [Window] = []
        var open: [(key: String, window: Window)] = []
        for fault in faults where !fault.result.hasPrefix("FAILED") {
            switch fault.action {
            case "heal":
                for item in open where item.key == "network" { windows.append(Window(label: item.window.label, start: item.window.start, end: fault.time)) }
                open.removeAll { $0.key == "network" }
            case "restart", "resume":
                for item in open where item.key == fault.target { windows.append(Window(label: item.window.label, start: item.window.start, end: fault.time)) }
                open.removeAll { $0.key == fault.target }
            case "kill", "stop", "pause":
                open.append((fault.target, Window(label: "\(fault.action) \(fault.target)", start: fault.time, end: end)))
            default:
                open.append(("network", Window(label: "\(fault.action) \(fault.target)", start: fault.time, end: end)))
            }
        }
        return windows + open.map(\.window)
    }
}
