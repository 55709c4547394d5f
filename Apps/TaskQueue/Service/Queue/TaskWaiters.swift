import TaskQueueCore

/// Lets a front-door connection wait for its task to finish, and lets long-polling workers wait
/// for work, without polling the database in a loop. Every wait has its own timeout.
actor TaskWaiters {
    private var finished: [String: [Int: CheckedContinuation<TaskRecord?, Never>]] = [:]
    private var workWanted: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextTicket = 0

    /// Waits until task `id` is done or dead, or `timeout` passes (then returns nil).
    func waitUntilFinished(_ id: String, timeout: Duration) async -> TaskRecord? {
        let ticket = self.takeTicket()
        return await withCheckedContinuation { continuation in
            self.finished[id, default: [:]][ticket] = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.finished[id]?.removeValue(forKey: ticket)?.resume(returning: nil)
            }
        }
    }

    /// Wakes everyone waiting for `task`.
    func taskFinished(_ task: TaskRecord) {
        for continuation in (self.finished.removeValue(forKey: task.id) ?? [:]).values {
            continuation.resume(returning: task)
        }
    }

    /// Waits until new work may be available, or `timeout` passes.
    func waitForWork(timeout: Duration) async {
        let ticket = self.takeTicket()
        await withCheckedContinuation { continuation in
            self.workWanted[ticket] = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.workWanted.removeValue(forKey: ticket)?.resume()
            }
        }
    }

    /// Wakes every worker waiting for work.
    func wakeWorkers() {
        let waiting = self.workWanted
        self.workWanted.removeAll()
        for continuation in waiting.values { continuation.resume() }
    }

    private func takeTicket() -> Int {
        self.nextTicket += 1
        return self.nextTicket
    }
}
