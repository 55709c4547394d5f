import Synchronization
import TaskQueueCore

/// Workers waiting for a task, so that a submission can lease its task to one of them in its
/// own transaction (a hand-off, as a message broker delivers straight to a waiting consumer)
/// instead of waking them all to race for it.
///
/// A wait ends with tasks handed over, or empty: when work may be available that was not handed
/// over (a submission while nobody waited, a requeued task), when the worker is cancelled, and
/// at least every `recheckInterval`, so that retries coming out of their backoff and expired
/// leases, which no submission announces, are found by leasing again.
actor IdleWorkers {
    /// A worker's claim on the next submission: whoever submits delivers the leased tasks here.
    final class Claim: Sendable {
        /// The slot the tasks are leased to.
        let worker: String
        /// How many tasks the slot asked for.
        let limit: Int
        private let state: Mutex<(continuation: CheckedContinuation<[TaskRecord], Never>?, delivered: [String])>

        fileprivate init(worker: String, limit: Int, continuation: CheckedContinuation<[TaskRecord], Never>) {
            self.worker = worker
            self.limit = limit
            self.state = Mutex((continuation, []))
        }

        /// Ends the worker's wait with `tasks`; later calls do nothing.
        func deliver(_ tasks: [TaskRecord]) {
            let continuation = self.state.withLock { state in
                defer { state.continuation = nil }
                if state.continuation != nil { state.delivered = tasks.map(\.id) }
                return state.continuation
            }
            continuation?.resume(returning: tasks)
        }

        /// Whether task `id` was handed to the worker.
        func received(_ id: String) -> Bool {
            self.state.withLock { $0.delivered.contains(id) }
        }
    }

    /// Counts announcements of work (see `waitForTasks`).
    private(set) var announcements = 0
    private var waiting: [(ticket: Int, claim: Claim)] = []
    private var nextTicket = 0
    private var ticking = false
    private let recheckInterval: Duration

    init(recheckInterval: Duration = .seconds(1)) {
        self.recheckInterval = recheckInterval
    }

    /// Waits for a hand-off of up to `limit` tasks to `worker`. Returns empty at once if work was
    /// announced since the caller read `announcements` as `seen` (before it last leased).
    func waitForTasks(worker: String, limit: Int, seen: Int) async -> [TaskRecord] {
        guard seen == self.announcements, !Task.isCancelled else { return [] }
        let ticket = self.takeTicket()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                self.waiting.append((ticket, Claim(worker: worker, limit: limit, continuation: continuation)))
                self.startTicking()
            }
        } onCancel: {
            Task { await self.release(ticket) }
        }
    }

    /// How many workers wait now.
    var waiters: Int { self.waiting.count }

    /// Takes the longest-waiting worker's claim, if any worker waits.
    func claim() -> Claim? {
        self.waiting.isEmpty ? nil : self.waiting.removeFirst().claim
    }

    /// Work is available that nobody was handed: ends every wait, so each worker leases again.
    func announceWork() {
        self.announcements &+= 1
        self.releaseAll()
    }

    private func release(_ ticket: Int) {
        guard let index = self.waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
        self.waiting.remove(at: index).claim.deliver([])
    }

    private func releaseAll() {
        let released = self.waiting
        self.waiting.removeAll()
        for (_, claim) in released { claim.deliver([]) }
    }

    /// One timer for all waits: every `recheckInterval` while anyone waits, everyone leases again.
    private func startTicking() {
        guard !self.ticking else { return }
        self.ticking = true
        Task {
            while !self.waiting.isEmpty {
                try? await Task.sleep(for: self.recheckInterval)
                self.releaseAll()
            }
            self.ticking = false
        }
    }

    private func takeTicket() -> Int {
        self.nextTicket += 1
        return self.nextTicket
    }
}
