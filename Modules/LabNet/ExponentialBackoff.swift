import Foundation

/// Delays between retries that grow exponentially up to a cap, each with random jitter.
///
/// A pure value: it computes delays but never sleeps, so tests and the simulator can drive it
/// with a seeded generator. "Full jitter" spreads each delay over `[d·(1−jitter), d]`, which keeps
/// many clients that failed together from retrying together.
public struct ExponentialBackoff: Sendable, Equatable {
    /// The delay before the second attempt (the first one is immediate).
    public var initialDelay: Duration
    /// The largest delay ever returned.
    public var maximumDelay: Duration
    /// How much each delay grows over the previous one.
    public var multiplier: Double
    /// The fraction of each delay that is randomized, from 0 (none) to 1 (all of it).
    public var jitter: Double

    /// Creates a backoff; the defaults suit a loopback service that is starting up.
    public init(
        initialDelay: Duration = .milliseconds(50),
        maximumDelay: Duration = .seconds(2),
        multiplier: Double = 2,
        jitter: Double = 0.5
    ) {
        precondition(multiplier >= 1 && (0...1).contains(jitter))
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
        self.jitter = jitter
    }

    /// The delay to wait after failed attempt number `attempt` (1-based), drawn from `generator`.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let base = self.initialDelay.seconds * pow(self.multiplier, Double(max(0, attempt - 1)))
        let capped = min(base, self.maximumDelay.seconds)
        let randomized = capped * (1 - self.jitter * Double.random(in: 0...1, using: &generator))
        return .nanoseconds(Int64(randomized * 1e9))
    }

    /// The same, drawn from the system's generator.
    public func delay(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return self.delay(afterAttempt: attempt, using: &generator)
    }
}

extension Duration {
    /// This duration in seconds as a floating-point number.
    public var seconds: Double {
        self / .seconds(1)
    }
}

