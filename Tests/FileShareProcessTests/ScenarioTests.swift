import Foundation
import LabTestSupport
import Testing

/// `labctl run` on the shipped P2P scenarios, shortened: holders killed and pieces corrupted
/// while clients download; at the end every file must have its replicas and every copy verify.
@Suite("labctl run: p2p scenarios", .serialized)
struct P2PScenarioTests {
    /// Seeder loss runs at full length: its second kill must come after the first death was
    /// noticed (peer TTL) and repaired, or a file whose two holders both died is lost — as it
    /// would be with 2 replicas anywhere.
    @Test(arguments: [("seeder-loss", 15), ("corruption", 6)])
    func everyFileKeepsItsReplicasAndEveryCopyVerifies(scenario: String, seconds: Int) async throws {
        let run = try await ScenarioRun("p2p/scenarios/\(scenario).json", seconds: seconds)
        #expect(run.command.status == 0, "\(run.command.transcript)")
        #expect(run.summary.passed, "\(run.summary.table)")
        #expect(run.summary.verdict.contains("every copy verifies"), "\(run.summary.verdict)")
        #expect(run.summary.workload.contains("0 failed"), "\(run.summary.workload)")
        #expect(!run.summary.faults.contains { $0.result.hasPrefix("FAILED") }, "\(run.summary.table)")
    }
}
