import Foundation

extension Date {
    /// The date `milliseconds` after 1970-01-01 00:00 UTC, as the worker protocol sends times and both queue backends store them.
    init(unixMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Milliseconds since 1970-01-01 00:00 UTC, as the worker protocol sends times and both queue backends store them.
    var unixMilliseconds: Int64 { Int64((self.timeIntervalSince1970 * 1000).rounded()) }
}
