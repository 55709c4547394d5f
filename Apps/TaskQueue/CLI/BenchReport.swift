import Foundation
import LabNet

/// The outcome of `taskqueue bench`: what was run and what it measured, printed as a table and
/// written as JSON (`--json`). Latencies are in milliseconds, from sending a request to its reply.
struct BenchReport: Codable, Sendable {
    /// "in-process" or the `HOST:PORT` driven.
    var server: String
    var connections: Int
    var op: String
    var mode: String
    /// Requested seconds of load.
    var duration: Double
    /// Seconds from the first request to the last reply.
    var elapsed: Double
    /// Successful requests.
    var tasks: Int
    var tasksPerSecond: Double
    var p50: Double
    var p90: Double
    var p99: Double
    var max: Double
    var errors: Int

    /// The report of `sample`, a run of `load` against `server`.
    init(server: String, load: BenchLoad, sample: BenchLoad.Sample) {
        let sorted = sample.latencies.map { $0.seconds * 1000 }.sorted()
        /// Nearest-rank percentile; 0 when nothing succeeded.
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[Swift.max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
        }
        self.server = server
        self.connections = load.connections
        self.op = load.op
        self.mode = load.mode.rawValue
        self.duration = load.duration.seconds
        self.elapsed = sample.elapsed.seconds
        self.tasks = sorted.count
        self.tasksPerSecond = self.elapsed > 0 ? Double(sorted.count) / self.elapsed : 0
        self.p50 = percentile(50)
        self.p90 = percentile(90)
        self.p99 = percentile(99)
        self.max = sorted.last ?? 0
        self.errors = sample.errors
    }

    /// The header and the one row of the table.
    var table: String {
        """
        \("tasks".leftPadded(9))  \("tasks/s".leftPadded(9))  \("p50 ms".leftPadded(8))  \("p90 ms".leftPadded(8))  \("p99 ms".leftPadded(8))  \("max ms".leftPadded(8))  errors
        \(String(self.tasks).leftPadded(9))  \(String(format: "%.1f", self.tasksPerSecond).leftPadded(9))  \
        \(String(format: "%.2f", self.p50).leftPadded(8))  \(String(format: "%.2f", self.p90).leftPadded(8))  \
        \(String(format: "%.2f", self.p99).leftPadded(8))  \(String(format: "%.2f", self.max).leftPadded(8))  \(self.errors)
        """
    }

    /// The report as one JSON object.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - self.count)) + self
    }
}
