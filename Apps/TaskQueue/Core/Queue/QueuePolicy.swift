/// The timing rules of the queue: how long a lease lasts and how failed tasks back off.
public struct QueuePolicy: Sendable, Equatable {
    /// How long a leased task stays invisible to other workers unless its lease is extended.
    public var visibilityTimeout: Duration
    /// How many leases a task gets before it is dead-lettered.
    public var maxAttempts: Int
    /// The wait before the second attempt; each later attempt waits twice as long…
    public var retryBaseDelay: Duration
    /// …up to this cap.
    public var retryMaxDelay: Duration

    public init(
        visibilityTimeout: Duration = .seconds(30),
        maxAttempts: Int = 5,
        retryBaseDelay: Duration = .milliseconds(500),
        retryMaxDelay: Duration = .seconds(60)
    ) {
        precondition(maxAttempts >= 1)
        self.visibilityTimeout = visibilityTimeout
        self.maxAttempts = maxAttempts
        self.retryBaseDelay = retryBaseDelay
        self.retryMaxDelay = retryMaxDelay
    }

    /// The wait after failed attempt number `attempt` (1-based): base·2^(attempt−1), capped.
    /// Deterministic on purpose, so that tests and students can predict `visibleAt`.
    public func retryDelay(afterAttempt attempt: Int) -> Duration {
        let factor = 1 << min(max(attempt - 1, 0), 30)
        return min(self.retryBaseDelay * factor, self.retryMaxDelay)
    }
}
