import TaskQueueCore

/// Lets a front-door connection wait for its task to finish without polling the database in a
/// loop. A wait ends with the finished task, or with nil when the next tick of a shared timer
/// comes (every `recheckInterval` while anyone waits): the waiter then looks at the store and
/// waits again until its own deadline.
actor TaskWaiters {
    private var finished: [String: [Int: CheckedContinuation<TaskRecord?, Never>]] = [:]
    private var nextTicket = 0
    private var ticking = false
    private let recheckInterval: Duration

    init(recheckInterval: Duration = .seconds(1)) {
        self.recheckInterval = recheckInterval
    }

    /// Waits until task `id` is done or dead (returning it), or the next tick (returning nil).
    func waitUntilFinished(_ id: String) async -> TaskRecord? {
        self.nextTicket += 1
        let ticket = self.nextTicket
        return await withCheckedContinuation { continuation in
            self.finished[id, default: [:]][ticket] = continuation
            self.startTicking()
        }
    }

    /// Wakes everyone waiting for `task`.
    func taskFinished(_ task: TaskRecord) {
        for continuation in (self.finished.removeValue(forKey: task.id) ?? [:]).values {
            continuation.resume(returning: task)
        }
    }

    private func startTicking() {
        guard !self.ticking else { return }
        self.ticking = true
        Task {
            while !self.finished.isEmpty {
                try? await Task.sleep(for: self.recheckInterval)
                let waiting = self.finished
                self.finished.removeAll()
                for continuation in waiting.values.flatMap(\.values) { continuation.resume(returning: nil) }
            }
            self.ticking = false
        }
    }
}
