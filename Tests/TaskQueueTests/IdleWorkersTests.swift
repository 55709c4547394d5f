import Foundation
import Testing
import TaskQueueCore
@testable import TaskQueueService

/// The registry of waiting workers behind the hand-off: who gets a submission, and what ends a
/// wait without one. The recheck timer is set to an hour so that only the calls under test end
/// a wait.
@Suite("Idle workers")
struct IdleWorkersTests {
    let task = TaskRecord(id: "t1", op: "echo", data: "a", key: nil, maxAttempts: 3, now: Date(timeIntervalSince1970: 0))

    @Test func theLongestWaitingWorkerIsHandedTheTaskAndTheOthersWaitOn() async throws {
        let idle = IdleWorkers(recheckInterval: .seconds(3600))
        let first = Task { await idle.waitForTasks(worker: "w1", limit: 1, seen: 0) }
        let firstClaim = try await Self.claim(from: idle)
        let second = Task { await idle.waitForTasks(worker: "w2", limit: 2, seen: 0) }
        let secondClaim = try await Self.claim(from: idle)
        #expect(firstClaim.worker == "w1" && secondClaim.worker == "w2" && secondClaim.limit == 2)

        firstClaim.deliver([self.task])
        firstClaim.deliver([])  // a second delivery does nothing
        #expect(await first.value == [self.task])
        secondClaim.deliver([])
        #expect(await second.value == [])
    }

    @Test func announcedWorkEndsEveryWaitAndAnyWaitThatMissedIt() async throws {
        let idle = IdleWorkers(recheckInterval: .seconds(3600))
        let waiting = Task { await idle.waitForTasks(worker: "w1", limit: 1, seen: 0) }
        try await Self.waitUntilSomeoneWaits(idle)
        await idle.announceWork()
        #expect(await waiting.value == [])
        #expect(await idle.claim() == nil)
        // A worker that read the count before the announcement does not wait at all.
        #expect(await idle.waitForTasks(worker: "w1", limit: 1, seen: 0) == [])
    }

    @Test func aCancelledWaitEnds() async throws {
        let idle = IdleWorkers(recheckInterval: .seconds(3600))
        let waiting = Task { await idle.waitForTasks(worker: "w1", limit: 1, seen: 0) }
        try await Self.waitUntilSomeoneWaits(idle)
        waiting.cancel()
        #expect(await waiting.value == [])
    }

    @Test func theRecheckTimerEndsWaits() async {
        let idle = IdleWorkers(recheckInterval: .milliseconds(10))
        #expect(await idle.waitForTasks(worker: "w1", limit: 1, seen: 0) == [])
    }

    /// Takes the next claim, yielding until a worker has registered (bounded).
    private static func claim(from idle: IdleWorkers) async throws -> IdleWorkers.Claim {
        for _ in 0..<100_000 {
            if let claim = await idle.claim() { return claim }
            await Task.yield()
        }
        throw CancellationError()
    }

    /// Yields until a worker waits (bounded).
    private static func waitUntilSomeoneWaits(_ idle: IdleWorkers) async throws {
        for _ in 0..<100_000 {
            if await idle.waiters > 0 { return }
            await Task.yield()
        }
        throw CancellationError()
    }
}
