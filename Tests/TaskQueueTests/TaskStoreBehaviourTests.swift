import Foundation
import Synchronization
import LabTestSupport
import Testing
import TaskQueueCore
import TaskQueueService

/// The behaviour every queue backend must show. Each test runs against every backend in
/// `StoreBackend.available`, so a new backend is checked by the same assertions.
@Suite("Queue store behaviour")
struct TaskStoreBehaviourTests {
    static let policy = QueuePolicy(visibilityTimeout: .seconds(10), maxAttempts: 2, retryBaseDelay: .seconds(1), retryMaxDelay: .seconds(5))
    let now = Date(timeIntervalSince1970: 2_000_000)

    @Test(arguments: StoreBackend.available)
    func submitIsIdempotentPerKey(backend: StoreBackend) async throws {
        try await backend.withStore(policy: Self.policy) { store in
            let first = try await store.submit(TaskSubmission(op: "echo", data: "a", key: "k1"), now: self.now)
            let again = try await store.submit(TaskSubmission(op: "echo", data: "different", key: "k1"), now: self.now)
            let other = try await store.submit(TaskSubmission(op: "echo", data: "a"), now: self.now)
            #expect(first.created && !again.created && other.created)
            #expect(again.task.id == first.task.id)
            #expect(again.task.data == "a")
            #expect(other.task.id != first.task.id)
            #expect(try await store.stats(now: self.now).ready == 2)
        }
    }

    @Test(arguments: StoreBackend.available)
    func leasesOldestFirstAndNeverTwice(backend: StoreBackend) async throws {
        try await backend.withStore(policy: Self.policy) { store in
            var ids: [String] = []
            for index in 0..<5 {
                ids.append(try await store.submit(TaskSubmission(op: "echo", data: "\(index)"), now: self.now + Double(index) / 1000).task.id)
            }
            let first = try await store.lease(worker: "w1", limit: 3, now: self.now + 1)
            let second = try await store.lease(worker: "w2", limit: 3, now: self.now + 1)
            let third = try await store.lease(worker: "w3", limit: 3, now: self.now + 1)
            #expect(first.map(\.id) == Array(ids[0..<3]))
            #expect(second.map(\.id) == Array(ids[3..<5]))
            #expect(third.isEmpty)
            #expect(first.allSatisfy { $0.state == .leased && $0.leaseOwner == "w1" && $0.attempts == 1 })
            #expect(try await store.stats(now: self.now + 1).leased == 5)
        }
    }

    /// The hand-off to a waiting worker: the submission's task (or an older leasable one, oldest
    /// first as always) is leased to the worker by the submission itself; a repeated key hands
    /// over nothing new.
    @Test(arguments: StoreBackend.available)
    func aSubmissionLeasesToAWaitingWorker(backend: StoreBackend) async throws {
        try await backend.withStore(policy: Self.policy) { store in
            let handed = HandedOver()
            let outcome = try await store.submit(TaskSubmission(op: "echo", data: "a", key: "k"), now: self.now, leasingTo: "w1", limit: 1) {
                handed.record($0)
            }
            let leased = try #require(handed.tasks.first)
            #expect(handed.calls == 1 && handed.tasks.count == 1)
            #expect(outcome.created && leased.id == outcome.task.id)
            #expect(leased.state == .leased && leased.leaseOwner == "w1" && leased.attempts == 1)
            #expect(try await store.task(id: leased.id) == leased)

            let older = try await store.submit(TaskSubmission(op: "echo", data: "b"), now: self.now + 0.001).task
            let again = try await store.submit(TaskSubmission(op: "echo", data: "a", key: "k"), now: self.now + 0.002, leasingTo: "w2", limit: 2) {
                handed.record($0)
            }
            #expect(!again.created && again.task.id == outcome.task.id)
            #expect(handed.calls == 2 && handed.tasks.map(\.id) == [leased.id, older.id], "the repeated key leased the waiting task, nothing new")
            #expect(try await store.stats(now: self.now + 1).leased == 2)
        }
    }

    @Test(arguments: StoreBackend.available)
    func completionStoresExactlyOneResultAndRefusesALostLease(backend: StoreBackend) async throws {
        try await backend.withStore(policy: Self.policy) { store in
            let id = try await store.submit(TaskSubmission(op: "uppercase", data: "a"), now: self.now).task.id
            let firstLease = try #require(try await store.lease(worker: "w1", limit: 1, now: self.now).first)
            let reclaimed = try #require(try await store.lease(worker: "w2", limit: 1, now: self.now + 11).first)
            #expect(reclaimed.id == id && reclaimed.attempts == 2)
            await #expect(throws: LeaseError.leaseLost(id: id)) {
                _ = try await store.complete(id: id, token: firstLease.leaseToken!, result: "late", worker: "w1", now: self.now + 12)
            }
            let done = try await store.complete(id: id, token: reclaimed.leaseToken!, result: "A", worker: "w2", now: self.now + 12)
            #expect(done.state == .done && done.result == "A" && done.worker == "w2")
            await #expect(throws: LeaseError.alreadyFinished(id: id, state: .done)) {
                _ = try await store.complete(id: id, token: reclaimed.leaseToken!, result: "again", worker: "w2", now: self.now + 13)
            }
            #expect(try await store.task(id: id)?.result == "A")
            #expect(try await store.stats(now: self.now + 13).done == 1)
        }
    }

    @Test(arguments: StoreBackend.available)
    func failuresRetryWithBackoffThenDeadLetterAndCanBeRequeued(backend: StoreBackend) async throws {
        try await backend.withStore(policy: Self.policy) { store in
            let id = try await store.submit(TaskSubmission(op: "fail", data: "x"), now: self.now).task.id
            let first = try #require(try await store.lease(worker: "w", limit: 1, now: self.now).first)
            let retried = try await store.fail(id: id, token: first.leaseToken!, error: "boom", now: self.now)
            #expect(retried.state == .queued)
            #expect(try await store.lease(worker: "w", limit: 1, now: self.now + 0.5).isEmpty, "still backing off")
            #expect(try await store.stats(now: self.now + 0.5).delayed == 1)
            let second = try #require(try await store.lease(worker: "w", limit: 1, now: self.now + 1).first)
            let dead = try await store.fail(id: id, token: second.leaseToken!, error: "boom again", now: self.now + 1)
            #expect(dead.state == .dead && dead.lastError == "boom again")
            #expect(try await store.deadLetters(limit: 10).map(\.id) == [id])
            #expect(try await store.stats(now: self.now + 2).dead == 1)
            let requeued = try await store.requeue(id: id, now: self.now + 2)
            #expect(requeued.state == .queued && requeued.attempts == 0)
            #expect(try await store.lease(worker: "w", limit: 1, now: self.now + 2).first?.id == id)
        }
    }

    @Test(arguments: StoreBackend.available)
    func extendingALeaseKeepsOtherWorkersAway(backend: StoreBackend) async throws {
        try await backend.withStore(policy: Self.policy) { store in
            let id = try await store.submit(TaskSubmission(op: "sleep", data: "1"), now: self.now).task.id
            let lease = try #require(try await store.lease(worker: "w1", limit: 1, now: self.now).first)
            _ = try await store.extend(id: id, token: lease.leaseToken!, now: self.now + 8)
            #expect(try await store.lease(worker: "w2", limit: 1, now: self.now + 12).isEmpty)
            #expect(try await store.lease(worker: "w2", limit: 1, now: self.now + 18).first?.id == id)
        }
    }

    @Test func theSQLiteQueueSurvivesReopening() async throws {
        let folder = try TemporaryDirectory(prefix: "TaskQueueTests")
        let path = folder.file("queue.sqlite")
        let id: String
        do {
            let store = try SQLiteTaskStore(path: path, policy: Self.policy)
            id = try await store.submit(TaskSubmission(op: "echo", data: "kept"), now: self.now).task.id
        }
        let reopened = try SQLiteTaskStore(path: path, policy: Self.policy)
        #expect(try await reopened.task(id: id)?.data == "kept")
        #expect(try await reopened.lease(worker: "w", limit: 1, now: self.now).first?.id == id)
    }
}

/// What a hand-off delivered, in order, and how often it was called.
private final class HandedOver: Sendable {
    private let delivered = Mutex<[[TaskRecord]]>([])

    func record(_ tasks: [TaskRecord]) { self.delivered.withLock { $0.append(tasks) } }
    var calls: Int { self.delivered.withLock { $0.count } }
    var tasks: [TaskRecord] { self.delivered.withLock { $0.flatMap { $0 } } }
}
