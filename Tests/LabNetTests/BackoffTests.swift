import Foundation
import LabNet
import LabTestSupport
import Synchronization
import Testing

/// The failure an operation under retry throws, naming its attempt.
struct AttemptFailed: Error, Equatable {
    var attempt: Int
}

@Suite("ExponentialBackoff")
struct ExponentialBackoffTests {
    /// The delay before jitter: `initial · multiplier^(attempt−1)`, capped at `maximum`, in seconds.
    static func ceiling(_ backoff: ExponentialBackoff, attempt: Int) -> Double {
        min(backoff.initialDelay.seconds * pow(backoff.multiplier, Double(attempt - 1)), backoff.maximumDelay.seconds)
    }

    @Test("every delay lies in [d·(1−jitter), d], d = min(initial·multiplier^(n−1), max)")
    func delaysStayWithinTheirBounds() {
        let seed = SeededGenerator.seedForTest()
        print("ExponentialBackoffTests.delaysStayWithinTheirBounds seed: \(seed) (replay with LAB_SEED=\(seed))")
        var generator = SeededGenerator(seed: seed)
        var backoffs = [
            ExponentialBackoff(),
            ExponentialBackoff(initialDelay: .milliseconds(1), maximumDelay: .seconds(60), multiplier: 3, jitter: 1),
            ExponentialBackoff(initialDelay: .seconds(1), maximumDelay: .seconds(1), multiplier: 1, jitter: 0),
            ExponentialBackoff(initialDelay: .milliseconds(10), maximumDelay: .seconds(5), multiplier: 1.5, jitter: 0.1),
        ]
        for _ in 0..<50 {
            let initial = Duration.microseconds(Int64.random(in: 1...1_000_000, using: &generator))
            backoffs.append(ExponentialBackoff(
                initialDelay: initial,
                maximumDelay: initial * Int.random(in: 1...1_000, using: &generator),
                multiplier: Double.random(in: 1...4, using: &generator),
                jitter: Double.random(in: 0...1, using: &generator)
            ))
        }
        for backoff in backoffs {
            for attempt in 1...40 {
                for _ in 0..<20 {
                    let delay = backoff.delay(afterAttempt: attempt, using: &generator).seconds
                    let ceiling = Self.ceiling(backoff, attempt: attempt)
                    let floor = ceiling * (1 - backoff.jitter)
                    // Delays are whole nanoseconds: allow for rounding to one.
                    #expect(
                        delay >= floor - 1e-9 && delay <= ceiling + 1e-9,
                        "\(backoff) attempt \(attempt): \(delay) s not in [\(floor), \(ceiling)]; replay with LAB_SEED=\(seed)"
                    )
                }
            }
        }
    }

    @Test("without jitter the delays grow by the multiplier and then stay at the maximum")
    func growsThenCaps() {
        let backoff = ExponentialBackoff(initialDelay: .milliseconds(50), maximumDelay: .seconds(2), multiplier: 2, jitter: 0)
        var generator = SeededGenerator(seed: 1)
        let delays = (1...10).map { backoff.delay(afterAttempt: $0, using: &generator) }
        #expect(delays == [50, 100, 200, 400, 800, 1600, 2000, 2000, 2000, 2000].map { Duration.milliseconds($0) })
        // Far past the point where the multiplier overflows a Double, the cap still holds.
        #expect(backoff.delay(afterAttempt: 100_000, using: &generator) == .seconds(2))
    }

    @Test("with jitter the delays grow on the whole and never pass the maximum")
    func jitteredDelaysGrowAndCap() {
        let seed = SeededGenerator.seedForTest()
        print("ExponentialBackoffTests.jitteredDelaysGrowAndCap seed: \(seed) (replay with LAB_SEED=\(seed))")
        var generator = SeededGenerator(seed: seed)
        let backoff = ExponentialBackoff(initialDelay: .milliseconds(10), maximumDelay: .seconds(1), multiplier: 2, jitter: 0.5)
        // With jitter 0.5 and multiplier 2, each delay's range starts where the previous one's ends,
        // so until the cap every delay is at least the one before it.
        var previous = Duration.zero
        for attempt in 1...7 {
            let delay = backoff.delay(afterAttempt: attempt, using: &generator)
            #expect(delay >= previous - .nanoseconds(1), "attempt \(attempt): \(delay) < \(previous); LAB_SEED=\(seed)")
            previous = delay
        }
        for attempt in 8...60 {
            let delay = backoff.delay(afterAttempt: attempt, using: &generator)
            #expect(delay <= .seconds(1) && delay >= .milliseconds(500) - .nanoseconds(1), "attempt \(attempt): \(delay); LAB_SEED=\(seed)")
        }
    }

    @Test("the same seed gives the same delays")
    func seededDelaysReplay() {
        let seed = SeededGenerator.seedForTest()
        let backoff = ExponentialBackoff()
        var first = SeededGenerator(seed: seed)
        var second = SeededGenerator(seed: seed)
        let one = (1...20).map { backoff.delay(afterAttempt: $0, using: &first) }
        let two = (1...20).map { backoff.delay(afterAttempt: $0, using: &second) }
        #expect(one == two, "LAB_SEED=\(seed)")
    }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("returns the first success, numbering attempts from 1")
    func returnsFirstSuccess() async throws {
        let attempts = Mutex<[Int]>([])
        let result = try await quickRetries(5).run { attempt in
            attempts.withLock { $0.append(attempt) }
            guard attempt == 3 else { throw AttemptFailed(attempt: attempt) }
            return "done on \(attempt)"
        }
        #expect(result == "done on 3")
        #expect(attempts.withLock { $0 } == [1, 2, 3])
    }

    @Test("stops after maximumAttempts and rethrows the last error")
    func stopsAfterMaximumAttempts() async throws {
        let attempts = Mutex(0)
        let error = await #expect(throws: AttemptFailed.self) {
            try await quickRetries(4).run { attempt -> Int in
                attempts.withLock { $0 += 1 }
                throw AttemptFailed(attempt: attempt)
            }
        }
        #expect(error == AttemptFailed(attempt: 4))
        #expect(attempts.withLock { $0 } == 4)

        let once = await #expect(throws: AttemptFailed.self) {
            try await RetryPolicy.once.run { attempt -> Int in throw AttemptFailed(attempt: attempt) }
        }
        #expect(once == AttemptFailed(attempt: 1))
    }

    @Test("cancellation while waiting to retry stops at once")
    func cancellationDuringBackoffStops() async throws {
        // A minute between attempts: only cancellation can end this quickly.
        let policy = RetryPolicy(
            maximumAttempts: 5,
            backoff: ExponentialBackoff(initialDelay: .seconds(60), maximumDelay: .seconds(60), jitter: 0)
        )
        let (failures, failed) = AsyncStream.makeStream(of: Int.self)
        let attempts = Counter()
        let retrying = Task {
            try await policy.run { attempt -> Int in
                _ = attempts.increment()
                failed.yield(attempt)
                throw AttemptFailed(attempt: attempt)
            }
        }
        for await _ in failures { break }
        retrying.cancel()
        // Well under the minute the backoff would wait.
        let outcome = try await withDeadline(.seconds(30), "the retries stopping after cancellation") {
            await retrying.result
        }
        #expect(attempts.count == 1)
        switch outcome {
        case .success(let value):
            Issue.record("expected an error, got \(value)")
        case .failure(let error):
            // Cancelled in the backoff sleep, or (if the cancel came first) before it.
            #expect(error is CancellationError || error as? AttemptFailed == AttemptFailed(attempt: 1), "\(error)")
        }
    }

    @Test("a cancelled task does not retry a failed attempt and rethrows its error")
    func cancelledTaskDoesNotRetry() async throws {
        let policy = RetryPolicy(maximumAttempts: 5, backoff: ExponentialBackoff(initialDelay: .seconds(60), jitter: 0))
        let attempts = Counter()
        let retrying = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await policy.run { attempt -> Int in
                _ = attempts.increment()
                throw AttemptFailed(attempt: attempt)
            }
        }
        let outcome = try await withDeadline(.seconds(30), "a cancelled retry returning") { await retrying.result }
        #expect(attempts.count == 1)
        #expect(throws: AttemptFailed(attempt: 1)) { try outcome.get() }
    }
}
