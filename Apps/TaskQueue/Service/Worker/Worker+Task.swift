import Foundation
import LabNet
import Logging
import TaskQueueCore

extension Worker {
    /// What running a task's operation came to.
    enum Outcome: Sendable, Equatable {
        case succeeded(result: String)
        case failed(message: String)
        /// The worker was stopped while the operation ran; nothing is reported, the lease expires.
        case abandoned
    }

    /// Runs one leased task while keeping its lease alive.
    func run(_ lease: TaskLease, slot: String, on source: some WorkSource) async -> Outcome {
        self.logger.info("\(slot) runs task \(lease.id) (\(lease.op), attempt \(lease.attempt))")
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.keepAlive(lease, on: source) }
            let outcome = await self.execute(lease)
            group.cancelAll()
            return outcome
        }
    }

    /// Reports the outcome of a task to the queue, retrying transient failures.
    func report(_ outcome: Outcome, of lease: TaskLease, slot: String, on source: some WorkSource) async {
        switch outcome {
        case .succeeded(let result):
            let state = await self.persistently("complete task \(lease.id) for \(slot)") {
                try await source.complete(lease, result: result, worker: slot)
            }
            if state != nil { self.logger.info("\(slot) completed task \(lease.id)") }
        case .failed(let message):
            let state = await self.persistently("report the failure of task \(lease.id) for \(slot)") {
                try await source.fail(lease, error: message, worker: slot)
            }
            if let state {
                let next = state == .dead ? "dead-lettered" : "to be retried"
                self.logger.warning("\(slot): task \(lease.id) failed (attempt \(lease.attempt)): \(message); \(next)")
            }
        case .abandoned:
            self.logger.notice("\(slot) stopped during task \(lease.id); its lease expires and another worker takes it")
        }
    }

    /// Runs the task's operation; an unknown op or a thrown error is a failed attempt.
    func execute(_ lease: TaskLease) async -> Outcome {
        guard let operation = self.operations.operation(named: lease.op) else {
            return .failed(message: "unknown op '\(lease.op)'; this worker knows \(self.operations.names.joined(separator: ", "))")
        }
        do {
            return .succeeded(result: try await operation.run(lease.data))
        } catch _ where Task.isCancelled {
            return .abandoned
        } catch let failure as OperationFailure {
            return .failed(message: failure.message)
        } catch {
            return .failed(message: "op '\(lease.op)' threw \(error)")
        }
    }

    /// Extends the lease every third of the visibility timeout until cancelled. Stops (and the
    /// outcome will probably be refused) once the queue says the lease is lost.
    func keepAlive(_ lease: TaskLease, on source: some WorkSource) async {
        let interval = max(lease.visibilityTimeout / 3, .milliseconds(10))
        while (try? await Task.sleep(for: interval)) != nil {
            do {
                _ = try await source.extend(lease)
            } catch WorkSourceError.leaseRefused(_, let reason) {
                self.logger.warning("lost the lease on task \(lease.id) while running it: \(reason)")
                return
            } catch {
                guard !Task.isCancelled else { return }
                self.logger.warning("could not extend the lease on task \(lease.id): \(error); trying again in \(String(format: "%.2f", interval.seconds)) s")
            }
        }
    }
}
