import Synchronization

/// Resumes a continuation with whichever of several racing results arrives first.
final class FirstOutcome: Sendable {
    private let continuation = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func install(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resolve(_ value: Bool) {
        self.continuation.withLock { pending in
            pending?.resume(returning: value)
            pending = nil
        }
    }
}
