import Foundation
import LabNet

/// Wall-clock and CPU time (user + system, this whole process) of a piece of work.
enum BenchMeasure {
    struct Sample: Codable, Sendable {
        var seconds: Double
        var cpuSeconds: Double
    }

    struct Measured<Value> {
        var value: Value
        var seconds: Double
        var cpuSeconds: Double
    }

    static func run<Value>(_ work: () async throws -> Value) async throws -> Measured<Value> {
        let cpuBefore = Self.cpuSeconds()
        let start = ContinuousClock.now
        let value = try await work()
        let elapsed = ContinuousClock.now - start
        return Measured(value: value, seconds: elapsed.seconds, cpuSeconds: Self.cpuSeconds() - cpuBefore)
    }

    /// CPU seconds this process has used so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
