import Foundation
import LabTestSupport
import Testing

/// `labctl run` on the shipped Raft scenarios, shortened: a partitioned leader must pass the
/// linearizability check, and the deliberately broken stale-reads setting must fail it — proof
/// that the check can fail.
@Suite("labctl run: raft scenarios", .serialized)
struct ScenarioTests {
    @Test func aPartitionedLeaderPassesTheCheck() async throws {
        let run = try await ScenarioRun("raft/scenarios/leader-partition.json", seconds: 4)
        #expect(run.command.status == 0, "\(run.command.transcript)")
        #expect(run.summary.passed, "\(run.summary.table)")
        #expect(run.summary.faults.map(\.action) == ["partition", "heal"])
        #expect(!run.summary.faults.contains { $0.result.hasPrefix("FAILED") }, "\(run.summary.table)")
        #expect(run.reportHas("latency.svg"))
        #expect((run.summary.operations ?? 0) > 10, "\(run.summary.table)")
        #expect(run.summary.p50 != nil)
        #expect(run.reportHas("logs/n1.log"))
    }

    @Test func staleReadsFailTheCheckWithATimeline() async throws {
        let run = try await ScenarioRun("raft/scenarios/stale-reads.json", seconds: 4)
        #expect(run.command.status == 1, "\(run.command.transcript)")
        #expect(!run.summary.passed)
        #expect(run.summary.verdict.contains("NOT linearizable"), "\(run.summary.verdict)")
        #expect(run.reportHas("violation.html"))
    }
}
