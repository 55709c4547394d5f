import Foundation
import LabTestSupport
import RaftCore
import RaftSuite
import Testing

/// The shared Raft suite against the reference core, one test per scenario. `LAB_SEED=n` replays a seed.
@Suite struct ScenarioTests {
    @Test(arguments: RaftScenario.all)
    func scenario(_ scenario: RaftScenario) async {
        let seed = SeededGenerator.seedForTest()
        let outcome = await onDedicatedThread { scenario.run(node: ReferenceRaft.self, seed: seed, traceDirectory: TraceFolder.path) }
        if case .failed = outcome {
            Issue.record("\(scenario.name) [\(scenario.part.rawValue)]: \(outcome)\n  replay: LAB_SEED=\(seed) swift test --filter ScenarioTests")
        }
    }
}

/// Where failing scenarios leave their timelines.
enum TraceFolder {
    static let path = FileManager.default.temporaryDirectory.appendingPathComponent("distlab-raft-traces").path
}
