import Foundation
import LabControl
import LabTestSupport
import Testing

/// `labctl run` on the shipped Raft scenarios, shortened: a partitioned leader must pass the
/// linearizability check, and the deliberately broken stale-reads setting must fail it — proof
/// that the check can fail.
@Suite("labctl run: raft scenarios", .serialized)
struct ScenarioTests {
    static let scenarios = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("labs/raft/scenarios")

    /// Runs `labctl run NAME.json` for `seconds` in `folder`; returns the run, its summary and report folder.
    func run(_ name: String, seconds: Int, in folder: TemporaryDirectory) async throws -> (run: CommandRun, summary: ScenarioSummary, report: URL) {
        let seed = SeededGenerator.seedForTest()
        let report = URL(fileURLWithPath: folder.file("report"))
        let run = try await CommandRun.run(
            "labctl", ["run", Self.scenarios.appendingPathComponent("\(name).json").path, "--duration", String(seconds), "--seed", String(seed % 1_000_000), "--report", report.path],
            in: folder.path)
        let data = try Data(contentsOf: report.appendingPathComponent("summary.json"))
        return (run, try JSONDecoder().decode(ScenarioSummary.self, from: data), report)
    }

    @Test func aPartitionedLeaderPassesTheCheck() async throws {
        let folder = try TemporaryDirectory(prefix: "ScenarioTests")
        let (run, summary, report) = try await self.run("leader-partition", seconds: 4, in: folder)
        #expect(run.status == 0, "\(run.transcript)")
        #expect(summary.passed, "\(summary.table)")
        #expect(summary.faults.map(\.action) == ["partition", "heal"])
        #expect(!summary.faults.contains { $0.result.hasPrefix("FAILED") }, "\(summary.table)")
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("latency.svg").path))
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("logs/n1.log").path))
    }

    @Test func staleReadsFailTheCheckWithATimeline() async throws {
        let folder = try TemporaryDirectory(prefix: "ScenarioTests")
        let (run, summary, report) = try await self.run("stale-reads", seconds: 4, in: folder)
        #expect(run.status == 1, "\(run.transcript)")
        #expect(!summary.passed)
        #expect(summary.verdict.contains("NOT linearizable"), "\(summary.verdict)")
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("violation.html").path))
    }
}
