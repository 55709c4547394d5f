import Foundation

/// Throttling of failed logins per username: a few free attempts, then exponentially longer waits.
///
/// After `freeFailures` consecutive failures, the next attempt must wait `baseDelay`, and each
/// further failure doubles the wait, up to `maxDelay`. A success clears the count.
public struct LoginThrottle: Equatable, Sendable {
    /// Failures allowed before any wait.
    public var freeFailures: Int
    /// The first wait, in seconds.
    public var baseDelay: TimeInterval
    /// The longest wait, in seconds.
    public var maxDelay: TimeInterval

    /// Creates the rule; the defaults are 5 free failures, then 1 s, 2 s, 4 s… up to 15 minutes.
    public init(freeFailures: Int = 5, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 900) {
        self.freeFailures = freeFailures
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait imposed after `failures` consecutive failures (0 while they are free).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= self.freeFailures else { return 0 }
        let doublings = min(failures - self.freeFailures, 30)
        return min(self.baseDelay * pow(2, Double(doublings)), self.maxDelay)
    }

    /// Whole seconds to wait before an attempt at `now` is allowed, or nil when it is allowed.
    public func retryAfter(failures: Int, lastFailure: Date, now: Date) -> Int? {
        let allowedAt = lastFailure + self.delay(afterFailures: failures)
        guard now < allowedAt else { return nil }
        return Int(allowedAt.timeIntervalSince(now).rounded(.up))
    }
}
