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
            default: result = try await supervisor.changeNetwork(try Self.networkChange(fault.action, target))
            }
            return ScenarioSummary.Injected(time: time, action: fault.action, target: target, result: result)
        } catch {
            return ScenarioSummary.Injected(time: time, action: fault.action, target: target, result: "FAILED: \(error)")
        }
    }

    /// The change a network fault's arguments describe, in `labctl`'s own syntax.
    static func networkChange(_ action: String, _ text: String) throws -> NetworkChange {
        let words = text.split(separator: " ").map(String.init)
        switch action {
        case "partition":
            if words.first == "--one-way" {
                let flows = try FaultSyntax.flows(words.dropFirst().joined())
                return .oneWay(from: Array(Set(flows.map(\.from))).sorted(), to: Array(Set(flows.map(\.to))).sorted())
            }
            return .partition(groups: try FaultSyntax.groups(words))
        case "heal": return .heal(flows: try words.flatMap { word throws(FaultSyntaxError) in try FaultSyntax.flows(word) })
        case "delay":
            let (milliseconds, jitter) = try FaultSyntax.delay(words.last ?? "")
            return .delay(flows: try FaultSyntax.flows(words.first ?? ""), milliseconds: milliseconds, jitter: jitter)
        case "drop": return .drop(flows: try FaultSyntax.flows(words.first ?? ""), percent: try FaultSyntax.percent(words.last ?? ""))
        default: return .slow(flows: try FaultSyntax.flows(words.first ?? ""), bytesPerSecond: try FaultSyntax.rate(words.last ?? ""))
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
