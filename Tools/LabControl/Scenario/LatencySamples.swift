import Foundation

/// The per-operation latencies a workload writes to `latencies.csv` in the report folder — one
/// line `SECONDS,MILLISECONDS,OUTCOME` per operation (seconds since the workload started;
/// outcome `ok`, `fail` or `unknown`) — so that labctl can summarise and plot any lab's workload.
public struct LatencySamples: Sendable {
    public struct Sample: Sendable, Equatable {
        public var seconds: Double
        public var milliseconds: Double
        public var ok: Bool
    }

    public var samples: [Sample]

    /// Reads `file`; nil when the workload wrote none. Malformed lines are skipped.
    public init?(contentsOf file: URL) {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        self.samples = text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",")
            guard fields.count == 3, let seconds = Double(fields[0]), let milliseconds = Double(fields[1]) else { return nil }
            return Sample(seconds: seconds, milliseconds: milliseconds, ok: fields[2] == "ok")
        }
    }

    /// The latency below which `fraction` of the successful operations finished.
    public func quantile(_ fraction: Double) -> Double? {
        let sorted = self.samples.filter(\.ok).map(\.milliseconds).sorted()
        guard !sorted.isEmpty else { return nil }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// A line of CSV for one sample, as workloads write it.
    public static func line(seconds: Double, milliseconds: Double, outcome: String) -> String {
        String(format: "%.4f,%.3f,%@\n", seconds, milliseconds, outcome)
    }
}
