/// What `labctl run` did and concluded, printed as a table and written as `summary.json`.
public struct ScenarioSummary: Codable, Sendable {
    /// A fault as it was injected.
    public struct Injected: Codable, Sendable {
        /// Seconds after the workload started.
        public var time: Double
        public var action: String
        /// What it acted on (a node, groups, a flow), with the leader resolved.
        public var target: String
        /// What labctl reported, or why it failed.
        public var result: String
    }

    public var scenario: String
    public var seed: UInt64
    public var duration: Double
    public var faults: [Injected]
    /// The workload's last line of output (its own summary).
    public var workload: String
    /// From the workload's `latencies.csv`, when it wrote one: operations, failed ones, and
    /// latency quantiles of the successful ones in milliseconds.
    public var operations: Int?
    public var failedOperations: Int?
    public var p50: Double?
    public var p99: Double?
    /// The check's last line of output (its verdict).
    public var verdict: String
    /// Whether the check passed (exit status 0).
    public var passed: Bool
    public var report: String

    /// The summary table.
    public var table: String {
        var lines = ["scenario   \(self.scenario)   (seed \(self.seed), \(Self.seconds(self.duration)) of workload)"]
        lines.append("workload   \(self.workload)")
        if let operations = self.operations {
            let quantiles = [("p50", self.p50), ("p99", self.p99)].compactMap { name, value in value.map { String(format: "%@ %.1f ms", name, $0) } }
            lines.append("latency    \(operations) operations, \(self.failedOperations ?? 0) failed; " + (quantiles.isEmpty ? "no successful operation" : quantiles.joined(separator: ", ")) + " (plot: latency.svg)")
        }
        lines.append("faults     \(self.faults.isEmpty ? "none" : "")")
        for fault in self.faults {
            lines.append("  t=\(Self.seconds(fault.time).leftPadded(6))  \(fault.action.padding(toLength: 9, withPad: " ", startingAt: 0)) \(fault.target.padding(toLength: 18, withPad: " ", startingAt: 0)) \(fault.result)")
        }
        lines.append("check      \(self.verdict)")
        lines.append("VERDICT    \(self.passed ? "PASS" : "FAIL")")
        lines.append("report     \(self.report)")
        return lines.joined(separator: "\n")
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1fs", value) }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        self.count >= width ? self : String(repeating: " ", count: width - self.count) + self
    }
}
