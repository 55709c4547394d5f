import Foundation

extension ScenarioRunner {
    /// Injects one fault. `previous-leader` names the node that `leader` named in an earlier
    /// fault (to restart the leader that was killed, say).
    func inject(
        _ fault: Scenario.Fault, at time: Double, probe: Scenario.LeaderProbe?, previousLeader: inout String?, supervisor: Supervisor,
        render: (String) -> String, locator: ExecutableLocator
    ) async -> ScenarioSummary.Injected {
        var target = fault.action == "exec" ? "" : fault.node ?? (fault.args ?? []).joined(separator: " ")
        do {
            if target.contains("previous-leader") {
                guard let previous = previousLeader else { throw ScenarioError.probeFailed("no earlier fault named the leader") }
                target = target.replacingOccurrences(of: "previous-leader", with: previous)
            } else if target.contains("leader") {
                guard let probe else { throw ScenarioError.probeFailed("the scenario has no leader probe") }
                let leader = try await self.leader(probe, render: render, locator: locator)
                previousLeader = leader
                target = target.replacingOccurrences(of: "leader", with: leader)
            }
            let result: String
            switch fault.action {
            case "kill": try await supervisor.kill(target); result = "killed"
            case "stop": try await supervisor.stop(target); result = "stopped"
            case "restart": try await supervisor.restart(target); result = "restarted and ready"
            case "pause": try await supervisor.pause(target); result = "paused"
            case "resume": try await supervisor.resume(target); result = "resumed"
            case "exec":
                let words = (fault.args ?? []).map(render)
                target = words.first ?? ""
                let run = try await ChildProcess.run(
                    try locator.locate(target), Array(words.dropFirst()),
                    log: self.report.appendingPathComponent("exec-\(Int(time * 1_000)).log"), limit: .seconds(60))
                guard run.status == 0 else { throw ScenarioError.probeFailed("\(target) exited with \(run.status): \(ChildProcess.lastLine(run.output))") }
                result = ChildProcess.lastLine(run.output)
            default: result = try await supervisor.changeNetwork(try FaultSyntax.change(fault.action, target.split(separator: " ").map(String.init)))
            }
            return ScenarioSummary.Injected(time: time, action: fault.action, target: target, result: result)
        } catch {
            return ScenarioSummary.Injected(time: time, action: fault.action, target: target, result: "FAILED: \(error)")
        }
    }

    /// Runs the probe until its output names the leader (elections take a moment).
    func leader(_ probe: Scenario.LeaderProbe, render: (String) -> String, locator: ExecutableLocator) async throws -> String {
        let regex = try NSRegularExpression(pattern: probe.pattern, options: [.anchorsMatchLines])
        for _ in 0..<20 {
            let run = try await ChildProcess.run(
                try locator.locate(probe.command), probe.args.map(render), log: self.report.appendingPathComponent("leader-probe.log"), limit: .seconds(10))
            let text = run.output
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), match.numberOfRanges > 1,
               let range = Range(match.range(at: 1), in: text) {
                return probe.node.replacingOccurrences(of: "$1", with: String(text[range]))
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ScenarioError.probeFailed("the probe's output never matched \(probe.pattern)")
    }
}
