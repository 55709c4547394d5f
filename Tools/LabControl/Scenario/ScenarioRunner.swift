import Foundation
import LabRandom

/// `labctl run`: starts a scenario's topology, runs its workload, injects its faults on time,
/// runs its check, tears the topology down and leaves a report folder: the history and whatever
/// the check writes (e.g. latency.svg, violation.html), `faults.json`, `summary.json`, the
/// workload's and check's output, and every node's log.
public struct ScenarioRunner: Sendable {
    public var scenarioURL: URL
    /// The folder of run directories (`.lab`).
    public var root: URL
    public var report: URL
    public var seed: UInt64
    /// Replaces the scenario's duration (and scales its fault times), for short test runs.
    public var duration: Double?
    /// Where progress lines go; `live` gets a one-line status to redraw in place.
    public var say: @Sendable (String) -> Void
    public var live: @Sendable (String) -> Void

    public init(scenarioURL: URL, root: URL, report: URL, seed: UInt64, duration: Double? = nil,
                say: @escaping @Sendable (String) -> Void, live: @escaping @Sendable (String) -> Void) {
        self.scenarioURL = scenarioURL
        self.root = root
        self.report = report
        self.seed = seed
        self.duration = duration
        self.say = say
        self.live = live
    }

    public func run() async throws -> ScenarioSummary {
        var scenario = try Scenario.load(contentsOf: self.scenarioURL)
        if let duration = self.duration {
            let scale = duration / scenario.duration
            for index in scenario.faults.indices { scenario.faults[index].at = scenario.faults[index].at.map { $0 * scale } }
            scenario.duration = duration
        }
        let manifestURL = self.scenarioURL.deletingLastPathComponent().appendingPathComponent(scenario.manifest).standardizedFileURL
        let manifest = try ManifestParser.load(contentsOf: manifestURL)
        let runDirectory = RunDirectory(root: self.root, topology: manifest.name)
        if let previous = try? runDirectory.readState(), previous.isSupervisorAlive {
            throw ControlError.alreadyRunning(topology: manifest.name, supervisorPID: previous.supervisorPID)
        }
        try FileManager.default.createDirectory(at: self.report, withIntermediateDirectories: true)
        try runDirectory.prepare(nodes: manifest.nodes.map(\.name), fresh: true)
        let eventsLog = self.report.appendingPathComponent("events.log")
        FileManager.default.createFile(atPath: eventsLog.path, contents: nil)
        let events = try FileHandle(forWritingTo: eventsLog)
        let supervisor = try Supervisor(manifest: manifest, manifestURL: manifestURL, runDirectory: runDirectory, faultSeed: self.seed) { line in
            events.write(Data("\(line)\n".utf8))
        }
        self.say("starting \(manifest.name) (\(manifest.nodes.count) nodes) for scenario \(scenario.name), seed \(self.seed)")
        try await supervisor.start()
        do {
            let summary = try await self.drive(scenario, supervisor: supervisor, manifestURL: manifestURL)
            await supervisor.shutdown()
            self.collectLogs(of: manifest, in: runDirectory)
            try JSONEncoder.pretty.encode(summary).write(to: self.report.appendingPathComponent("summary.json"))
            return summary
        } catch {
            await supervisor.shutdown()
            self.collectLogs(of: manifest, in: runDirectory)
            throw error
        }
    }

    private func drive(_ scenario: Scenario, supervisor: Supervisor, manifestURL: URL) async throws -> ScenarioSummary {
        let state = await supervisor.state()
        let locator = ExecutableLocator(manifestDirectory: manifestURL.deletingLastPathComponent())
        let render = { (text: String) -> String in
            (try? Template.parse(text).get())?.render { node, field in
                if node == "run" {
                    switch field {
                    case "report": return self.report.path
                    case "duration": return String(scenario.duration)
                    case "seed": return String(self.seed)
                    default: return ""
                    }
                }
                if field == "host" { return "127.0.0.1" }
                if field == "dataDir" { return state.node(node)?.dataDirectory ?? "" }
                return state.node(node)?.ports[field].map(String.init) ?? ""
            } ?? text
        }
        var random = SplitMix64(seed: self.seed)
        let plan = scenario.faults.map { fault in
            (time: fault.at.count == 2 ? Double.random(in: fault.at[0]...fault.at[1], using: &random) : fault.at[0], fault: fault)
        }.sorted { $0.time < $1.time }

        let workload = try ChildProcess.start(
            try locator.locate(scenario.workload.command), scenario.workload.args.map(render), log: self.report.appendingPathComponent("workload.log"))
        let start = ContinuousClock.now
        let elapsed = { (ContinuousClock.now - start).seconds }
        self.say("workload started: \(scenario.workload.command) \(scenario.workload.args.first ?? "") for \(ScenarioSummary.seconds(scenario.duration))")
        var injected: [ScenarioSummary.Injected] = []
        var previousLeader: String?
        for step in plan {
            while elapsed() < step.time {
                self.live("t=\(ScenarioSummary.seconds(elapsed()))  faults \(injected.count)/\(plan.count)")
                try await Task.sleep(for: .milliseconds(Int(min(250, max(1, (step.time - elapsed()) * 1_000)))))
            }
            let fault = await self.inject(
                step.fault, at: elapsed(), probe: scenario.leader, previousLeader: &previousLeader, supervisor: supervisor, render: render, locator: locator)
            injected.append(fault)
            self.say("t=\(ScenarioSummary.seconds(fault.time))  \(fault.action) \(fault.target): \(fault.result)")
        }
        while workload.isRunning && elapsed() < scenario.duration {
            self.live("t=\(ScenarioSummary.seconds(elapsed()))  faults \(injected.count)/\(plan.count)  workload running")
            try await Task.sleep(for: .milliseconds(250))
        }
        self.live("t=\(ScenarioSummary.seconds(elapsed()))  waiting for the workload to finish")
        let workloadStatus = await ChildProcess.wait(workload, limit: .seconds(Int(scenario.duration) + 120))
        let workloadOutput = (try? String(contentsOf: self.report.appendingPathComponent("workload.log"), encoding: .utf8)) ?? ""
        let windows = FaultWindows.windows(injected, until: elapsed())
        try JSONEncoder.pretty.encode(windows).write(to: self.report.appendingPathComponent("faults.json"))
        let latencies = LatencySamples(contentsOf: self.report.appendingPathComponent("latencies.csv"))
        if let latencies {
            try LatencyChart.svg(latencies, windows: windows).write(to: self.report.appendingPathComponent("latency.svg"), atomically: true, encoding: .utf8)
        }

        self.live("running the check")
        let check = try await ChildProcess.run(
            try locator.locate(scenario.check.command), scenario.check.args.map(render),
            log: self.report.appendingPathComponent("check.log"), limit: .seconds(600))
        self.live("")
        return ScenarioSummary(
            scenario: scenario.name, seed: self.seed, duration: scenario.duration, faults: injected,
            workload: workloadStatus == 0 ? ChildProcess.lastLine(workloadOutput) : "FAILED (exit \(workloadStatus)): \(ChildProcess.lastLine(workloadOutput))",
            operations: latencies?.samples.count, failedOperations: latencies.map { $0.samples.filter { !$0.ok }.count },
            p50: latencies?.quantile(0.5), p99: latencies?.quantile(0.99),
            verdict: ChildProcess.lastLine(check.output), passed: check.status == 0 && workloadStatus == 0, report: self.report.path)
    }

    private func collectLogs(of manifest: Manifest, in runDirectory: RunDirectory) {
        let logs = self.report.appendingPathComponent("logs", isDirectory: true)
        try? FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        for node in manifest.nodes {
            let destination = logs.appendingPathComponent("\(node.name).log")
            try? FileManager.default.removeItem(at: destination)
            try? FileManager.default.copyItem(at: runDirectory.logFile(node.name), to: destination)
        }
    }
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
