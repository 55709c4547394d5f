/// Waits until `condition` holds, checking it every few milliseconds, and fails with `message`
/// once `timeout` has passed. This awaits a condition with a deadline; it never sleeps a fixed
/// time and hopes.
public func eventually(
    _ message: @autoclosure () -> String,
    timeout: Duration = .seconds(20),
    condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(message: message()) }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// A condition that did not come true in time.
public struct TimedOut: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "timed out waiting: \(self.message)" }
}
