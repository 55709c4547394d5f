import LabGrading
import RaftCore
import RaftSuite
import Testing

/// The shared Raft suite against the reference core, one test per scenario, through the same
/// grading path as the Raft exercise. `LAB_SEED=n` replays a seed.
@Suite struct ScenarioTests {
    @Test(arguments: RaftScenario.all)
    func scenario(_ scenario: RaftScenario) async {
        let record = await Grading.run(scenario.check(of: ReferenceRaft.self), testFilter: "ScenarioTests")
        if let report = record.failureReport { Issue.record(Comment(rawValue: report)) }
    }
}
