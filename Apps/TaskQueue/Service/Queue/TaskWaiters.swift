import DequeModule
import TaskQueueCore

/// Lets a front-door connection wait for its task to finish without polling the database in a
/// loop. A wait ends with the finished task, or with nil when the next tick of a shared timer
/// comes (every `recheckInterval` while anyone waits): the waiter then looks at the store and
/// waits again until its own deadline.
///
/// A task can finish before its connection starts waiting (a worker may run it while its insert
/// is being committed), so the last `recentCapacity` finished tasks are kept and end such a wait
/// at once.
actor TaskWaiters {
    /// How many recently finished tasks are kept for waits that come late.
    static let recentCapacity = 4096

    private var finished: [String: [Int: CheckedContinuation<TaskRecord?, Never>]] = [:]
    private var recent: [String: TaskRecord] = [:]
    private var recentOrder = Deque<String>()
    private var nextTicket = 0
    private var ticking = false
    private let recheckInterval: Duration

    init(recheckInterval: Duration = .seconds(1)) {
        self.recheckInterval = recheckInterval
    }

    /// Waits until task `id` is done or dead (returning it), or the next tick (returning nil).
    func waitUntilFinished(_ id: String) async -> TaskRecord? {
        if let task = self.recent[id] { return task }
        self.nextTicket += 1
        let ticket = self.nextTicket
        return await withCheckedContinuation { continuation in
            self.finished[id, default: [:]][ticket] = continuation
            self.startTicking()
        }
    }

    /// Wakes everyone waiting for `task`.
    func taskFinished(_ task: TaskRecord) {
        if self.recent.updateValue(task, forKey: task.id) == nil {
            self.recentOrder.append(task.id)
            if self.recentOrder.count > Self.recentCapacity, let oldest = self.recentOrder.popFirst() {
                self.recent.removeValue(forKey: oldest)
            }
        }
        for continuation in (self.finished.removeValue(forKey: task.id) ?? [:]).values {
            continuation.resume(returning: task)
        }
    }

    /// Forgets that task `id` finished: it was requeued, so waits for it wait again.
    func taskRequeued(_ id: String) {
        self.recent.removeValue(forKey: id)
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
