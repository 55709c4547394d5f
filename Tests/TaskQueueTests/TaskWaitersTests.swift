import Foundation
import Testing
import TaskQueueCore
@testable import TaskQueueService

/// Waiting for a task to finish: a completion that comes before the wait still ends it at once,
/// unless the task was requeued since.
@Suite("Task waiters")
struct TaskWaitersTests {
    static func finished(_ id: String) -> TaskRecord {
        var task = TaskRecord(id: id, op: "echo", data: "a", key: nil, maxAttempts: 3, now: Date(timeIntervalSince1970: 0))
        task.state = .done
        task.result = "a"
        return task
    }

    @Test func aWaitThatComesAfterTheCompletionEndsAtOnce() async {
        let waiters = TaskWaiters(recheckInterval: .seconds(3600))
        await waiters.taskFinished(Self.finished("t1"))
        #expect(await waiters.waitUntilFinished("t1") == Self.finished("t1"))
    }

    @Test func aRequeuedTaskIsWaitedForAgain() async {
        let waiters = TaskWaiters(recheckInterval: .milliseconds(10))
        await waiters.taskFinished(Self.finished("t1"))
        await waiters.taskRequeued("t1")
        #expect(await waiters.waitUntilFinished("t1") == nil, "only the recheck tick ends this wait")
    }

    @Test func onlyTheLatestFinishedTasksAreKept() async {
        let waiters = TaskWaiters(recheckInterval: .milliseconds(10))
        for index in 0...TaskWaiters.recentCapacity { await waiters.taskFinished(Self.finished("t\(index)")) }
        #expect(await waiters.waitUntilFinished("t0") == nil)
        #expect(await waiters.waitUntilFinished("t1") == Self.finished("t1"))
    }
}
