/// How often and how patiently to retry an operation that can fail transiently.
public struct RetryPolicy: Sendable, Equatable {
    /// The most attempts made in total, the first one included.
    public var maximumAttempts: Int
    /// The waits between attempts.
    public var backoff: ExponentialBackoff

    /// Creates a policy of at most `maximumAttempts` tries spaced by `backoff`.
    public init(maximumAttempts: Int = 5, backoff: ExponentialBackoff = ExponentialBackoff()) {
        precondition(maximumAttempts >= 1)
        self.maximumAttempts = maximumAttempts
        self.backoff = backoff
    }

    /// Try exactly once.
    public static let once = RetryPolicy(maximumAttempts: 1)

    /// Runs `operation` until it succeeds or the attempts run out, sleeping the backoff between
    /// attempts; throws the last error. Cancellation stops the retries at once.
    public func run<Result: Sendable>(
        _ operation: (_ attempt: Int) async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await operation(attempt)
            } catch {
                guard attempt < self.maximumAttempts, !Task.isCancelled else { throw error }
                try await Task.sleep(for: self.backoff.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }
}
