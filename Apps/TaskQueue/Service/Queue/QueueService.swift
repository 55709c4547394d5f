import Foundation
import Logging
import TaskQueueCore

/// The queue as the server's front door, its gRPC worker service and its local worker pool see
/// it: the durable store plus result artifacts, waiting for results, and waking idle workers.
public struct QueueService: Sendable {
    public let store: any TaskStore
    public let artifacts: ResultArtifacts
    private let waiters = TaskWaiters()
    private let idleWorkers = IdleWorkers()
    private let logger: Logger

    public init(store: any TaskStore, artifacts: ResultArtifacts, logger: Logger = Logger(label: "taskqueue")) {
        self.store = store
        self.artifacts = artifacts
        self.logger = logger
    }

    /// Records the task durably (or finds it by key). If a worker waits for work, the same
    /// transaction leases the oldest leasable task (normally this one) to it, handed over as soon
    /// as it is decided; otherwise the workers are told that work is available.
    public func submit(_ submission: TaskSubmission) async throws -> SubmitOutcome {
        guard let claim = await self.idleWorkers.claim() else {
            let outcome = try await self.store.submit(submission, now: Date())
            if outcome.created { await self.idleWorkers.announceWork() }
            return outcome
        }
        do {
            let outcome = try await self.store.submit(submission, now: Date(), leasingTo: claim.worker, limit: claim.limit) { leased in
                claim.deliver(leased)
            }
            claim.deliver([])  // if nothing was leased to it, the worker leases by itself again
            // It may have been handed an older task (a retry out of its backoff): others take this one.
            if outcome.created && !claim.received(outcome.task.id) { await self.idleWorkers.announceWork() }
            return outcome
        } catch {
            claim.deliver([])
            throw error
        }
    }

    /// Waits until the task is finished (done or dead), or returns its current record once
    /// `timeout` has passed (noticed within a second). Completions in this process end the wait
    /// at once; the store is checked again every second, which covers a completion that raced
    /// the wait or happened at another server sharing the queue.
    public func awaitFinished(_ task: TaskRecord, timeout: Duration) async throws -> TaskRecord {
        let deadline = ContinuousClock.now + timeout
        var current = task
        while true {
            if current.state == .done || current.state == .dead { return current }
            if ContinuousClock.now >= deadline { return current }
            if let finished = await self.waiters.waitUntilFinished(task.id) { return finished }
            current = try await self.store.task(id: task.id) ?? current
        }
    }

    /// Leases up to `limit` tasks, waiting up to `wait` for one: for a task handed over by a
    /// submission, or for a reason to lease again (see `IdleWorkers`).
    public func lease(worker: String, limit: Int, wait: Duration) async throws -> [TaskRecord] {
        let deadline = ContinuousClock.now + wait
        while true {
            try Task.checkCancellation()
            let seen = await self.idleWorkers.announcements
            let leased = try await self.store.lease(worker: worker, limit: limit, now: Date())
            if !leased.isEmpty || ContinuousClock.now >= deadline { return leased }
            let handed = await self.idleWorkers.waitForTasks(worker: worker, limit: limit, seen: seen)
            if !handed.isEmpty { return handed }
        }
    }

    public func extend(id: String, token: String) async throws -> TaskRecord {
        try await self.store.extend(id: id, token: token, now: Date())
    }

    /// Stores the result, writes the artifact, and wakes whoever waits for the task.
    public func complete(id: String, token: String, result: String, worker: String) async throws -> TaskRecord {
        let task = try await self.store.complete(id: id, token: token, result: result, worker: worker, now: Date())
        do {
            try await self.artifacts.write(task)
        } catch {
            self.logger.error("result of \(id) is stored but its artifact could not be written: \(error)")
        }
        await self.waiters.taskFinished(task)
        return task
    }

    /// Rebuilds the result documents that a crash of the machine may have lost, and logs how many
    /// (see `ResultArtifacts.repair(from:)`). A server calls this as it starts.
    public func repairResultDocuments() async throws {
        let (checked, rewritten) = try await self.artifacts.repair(from: self.store)
        self.logger.log(
            level: rewritten > 0 ? .notice : .info,
            "checked the result documents of the \(checked) most recently done task(s): rebuilt \(rewritten) from the queue")
    }

    /// Records a failed attempt; wakes waiters if the task is now dead, else workers for the retry.
    public func fail(id: String, token: String, error: String) async throws -> TaskRecord {
        let task = try await self.store.fail(id: id, token: token, error: error, now: Date())
        if task.state == .dead {
            await self.waiters.taskFinished(task)
        }
        return task
    }

    public func requeue(id: String) async throws -> TaskRecord {
        let task = try await self.store.requeue(id: id, now: Date())
        await self.waiters.taskRequeued(id)
        await self.idleWorkers.announceWork()
        return task
    }

    public func task(id: String) async throws -> TaskRecord? { try await self.store.task(id: id) }
    public func deadLetters(limit: Int) async throws -> [TaskRecord] { try await self.store.deadLetters(limit: limit) }
    public func stats() async throws -> QueueStats { try await self.store.stats(now: Date()) }
}
