import Foundation
import Synchronization

/// A clock the test moves by hand, so expiry and TTL rules run without sleeping.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        self.current = Mutex(start)
    }

    var now: Date { self.current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        self.current.withLock { $0 += seconds }
    }

    /// The clock as the tracker reads it.
    var reading: @Sendable () -> Date { { self.now } }
}
