import Foundation
import LabNet

/// The outcome of `raftkv bench`: one row per concurrency level, printed as a table and written as
/// JSON (`--json`). Latencies are in milliseconds, from sending an operation to its answer.
struct BenchReport: Codable, Sendable {
    /// The figures of one concurrency level: its write phase, then its read phase.
    struct Row: Codable, Sendable {
        var clients: Int
        var writes: Int
        var writesPerSecond: Double
        var writeP50: Double
        var writeP99: Double
        var reads: Int
        var readsPerSecond: Double
        var readP50: Double
        var readP99: Double
        /// Failed operations of both phases.
        var errors: Int
        /// What went wrong first, if anything did.
        var firstError: String?

        init(clients: Int, writes: BenchPhase.Sample, reads: BenchPhase.Sample) {
            let w = Summary(writes)
            let r = Summary(reads)
            self.clients = clients
            (self.writes, self.writesPerSecond, self.writeP50, self.writeP99) = (w.count, w.rate, w.p50, w.p99)
            (self.reads, self.readsPerSecond, self.readP50, self.readP99) = (r.count, r.rate, r.p50, r.p99)
            self.errors = writes.errors + reads.errors
            self.firstError = writes.firstError ?? reads.firstError
        }
    }

    /// What was measured: "raftkv" or "etcd", with the servers driven.
    var target: String
    var servers: [String]
    /// Requested seconds of each phase.
    var duration: Double
    var rows: [Row] = []

    /// The header and one line per row.
    var table: String {
        let header = ["clients", "writes/s", "w p50 ms", "w p99 ms", "reads/s", "r p50 ms", "r p99 ms", "errors"]
        let lines = self.rows.map { row in
            [
                String(row.clients), String(format: "%.0f", row.writesPerSecond), String(format: "%.2f", row.writeP50),
                String(format: "%.2f", row.writeP99), String(format: "%.0f", row.readsPerSecond), String(format: "%.2f", row.readP50),
                String(format: "%.2f", row.readP99), String(row.errors),
            ]
        }
        let errors = self.rows.compactMap { row in row.firstError.map { "first error at \(row.clients) clients: \($0)" } }
        return (([header] + lines).map { $0.map { $0.leftPadded(9) }.joined(separator: " ") } + errors).joined(separator: "\n")
    }

    /// The report as one JSON object.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

/// Count, rate and nearest-rank percentiles (ms) of one phase's sample; 0 when nothing succeeded.
private struct Summary {
    var count: Int
    var rate: Double
    var p50: Double
    var p99: Double

    init(_ sample: BenchPhase.Sample) {
        let sorted = sample.latencies.map { $0.seconds * 1000 }.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
        }
        self.count = sorted.count
        self.rate = sample.elapsed.seconds > 0 ? Double(sorted.count) / sample.elapsed.seconds : 0
        self.p50 = percentile(50)
        self.p99 = percentile(99)
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - self.count)) + self
    }
}
