import Foundation
import LabTestSupport
import Testing

/// `labctl run` on the shipped task-queue scenarios, shortened: workers killed mid-task and a
/// killed server must still leave every accepted task with exactly one correct result.
@Suite("labctl run: task-queue scenarios", .serialized)
struct TaskQueueScenarioTests {
    @Test(arguments: ["worker-crash-storm", "server-restart"])
    func everyAcceptedTaskEndsWithOneCorrectResult(scenario: String) async throws {
        let run = try await ScenarioRun("taskqueue/scenarios/\(scenario).json", seconds: 4)
        #expect(run.command.status == 0, "\(run.command.transcript)")
        #expect(run.summary.passed, "\(run.summary.table)")
        #expect(run.summary.verdict.contains("exactly one correct result"), "\(run.summary.verdict)")
        #expect(!run.summary.faults.contains { $0.result.hasPrefix("FAILED") }, "\(run.summary.table)")
        #expect(run.reportHas("tasks.jsonl"))
    }
}
