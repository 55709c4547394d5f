import Foundation

/// The outcome of `p2p bench`: one row per number of sources, as a table and as JSON.
struct BenchReport: Codable, Sendable {
    /// One number of sources: its runs and their median.
    struct Row: Codable, Sendable {
        var sources: Int
        var runs: [BenchMeasure.Sample]
        /// Median MB/s (10^6 bytes per second).
        var megabytesPerSecond: Double
        /// Median CPU seconds of the whole process per run.
        var cpuSeconds: Double

        init(sources: Int, bytes: Int64, runs: [BenchMeasure.Sample]) {
            self.sources = sources
            self.runs = runs
            let rates = runs.map { Double(bytes) / $0.seconds / 1e6 }.sorted()
            self.megabytesPerSecond = rates[rates.count / 2]
            let cpu = runs.map(\.cpuSeconds).sorted()
            self.cpuSeconds = cpu[cpu.count / 2]
        }
    }

    var bytes: Int64
    var pieceSize: Int
    /// Seconds to put the file on p1 and copy it to p2 and p3.
    var putSeconds: Double
    var rows: [Row] = []

    var table: String {
        var lines = [String(format: "file: %.0f MiB in %d KiB pieces; put + 2 replicas: %.2f s", Double(self.bytes) / 1_048_576, self.pieceSize / 1_024, self.putSeconds)]
        lines.append("sources      MB/s   CPU s   (median of \(self.rows.first?.runs.count ?? 0) runs, every piece SHA-256 verified)")
        for row in self.rows {
            lines.append(String(format: "%7d  %8.0f  %6.2f", row.sources, row.megabytesPerSecond, row.cpuSeconds))
        }
        return lines.joined(separator: "\n")
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
