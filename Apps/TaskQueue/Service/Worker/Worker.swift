import Foundation
import LabNet
import Logging
import TaskQueueCore

/// Runs tasks from a `WorkSource`: `concurrency` slots, each leasing one task at a time, running
/// its operation from `operations`, keeping the lease alive while it runs, and reporting the
/// result or the failure while it already leases the next task (so the queue's commit of one
/// outcome overlaps the next lease; a slot has at most one report outstanding). Slot `n` leases
/// as "`name`-`n`" ("worker-1" in the server's local pool, "host-pid-1" for `taskqueue worker`).
///
/// A worker never gives up: an unreachable server or a failing queue is logged and retried with
/// `retryBackoff`. An outcome the queue refuses (the lease was lost to another worker) is logged
/// and dropped, so the queue stores exactly one result per task.
///
/// Cancelling the task that runs ``run(on:)`` stops it: slots stop leasing, running operations
/// are cancelled, and their tasks are abandoned, as are outcomes not yet reported; their leases
/// expire and other workers take them.
public struct Worker: Sendable {
    /// The worker's name; each slot's name is this plus "-" and its number from 1.
    public var name: String
    /// How many tasks run at the same time.
    public var concurrency: Int
    /// The operations the worker can run; a task naming another op is a failed attempt.
    public var operations: OperationRegistry
    /// How long one lease call waits for a task (a long poll; servers may cap it).
    public var leaseWait: Duration
    /// The waits between retries when the queue can't be reached.
    public var retryBackoff: ExponentialBackoff
    /// Where leases, outcomes and problems are logged.
    public var logger: Logger

    /// A worker with `concurrency` slots (at least 1) named "`name`-1", "`name`-2", ….
    public init(
        name: String,
        concurrency: Int,
        operations: OperationRegistry = .standard,
        leaseWait: Duration = .seconds(20),
        retryBackoff: ExponentialBackoff = ExponentialBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(5)),
        logger: Logger = Logger(label: "taskqueue.worker")
    ) {
        precondition(concurrency >= 1, "a worker needs at least one slot")
        self.name = name
        self.concurrency = concurrency
        self.operations = operations
        self.leaseWait = leaseWait
        self.retryBackoff = retryBackoff
        self.logger = logger
    }

    /// The name slot `slot` (from 1) leases and reports as.
    public func slotName(_ slot: Int) -> String { "\(self.name)-\(slot)" }

    /// Runs every slot against `source` until the calling task is cancelled.
    public func run(on source: some WorkSource) async {
        await withDiscardingTaskGroup { group in
            for slot in 1...self.concurrency {
                group.addTask { await self.runSlot(self.slotName(slot), on: source) }
            }
        }
    }

    /// One slot: lease a task, run it, report it in the background; again, until cancelled. A
    /// report still running when the next outcome is ready is waited for first.
    private func runSlot(_ slot: String, on source: some WorkSource) async {
        await withTaskGroup(of: Void.self) { reports in
            var reporting = false
            while !Task.isCancelled {
                let leases = await self.persistently("lease a task for \(slot) from \(source)") {
                    try await source.lease(worker: slot, limit: 1, wait: self.leaseWait)
                }
                for lease in leases ?? [] {
                    let outcome = await self.run(lease, slot: slot, on: source)
                    if reporting { await reports.next() }
                    reports.addTask { await self.report(outcome, of: lease, slot: slot, on: source) }
                    reporting = true
                }
            }
        }
    }

    /// Calls `operation` until it succeeds, retrying transient failures after `retryBackoff`
    /// delays. Returns nil once the queue refuses the call (logged) or the task is cancelled.
    func persistently<Result: Sendable>(_ what: String, _ operation: () async throws -> Result) async -> Result? {
        var failures = 0
        while !Task.isCancelled {
            do {
                let result = try await operation()
                if failures > 0 { self.logger.notice("could \(what) again after \(failures) failure(s)") }
                return result
            } catch let refusal as WorkSourceError where refusal.isLeaseRefused {
                self.logger.notice("could not \(what): \(refusal); dropping it")
                return nil
            } catch {
                failures += 1
                await self.backOff(failures, what: what, error: error)
            }
        }
        return nil
    }

    private func backOff(_ failures: Int, what: String, error: any Error) async {
        guard !Task.isCancelled else { return }
        let delay = self.retryBackoff.delay(afterAttempt: failures)
        self.logger.warning("could not \(what) (failure \(failures)): \(error); retrying in \(String(format: "%.2f", delay.seconds)) s")
        try? await Task.sleep(for: delay)
    }
}
