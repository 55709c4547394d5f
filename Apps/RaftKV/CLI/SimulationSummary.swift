import Foundation

/// What `raftkv sim` reports at the end, on the terminal and as JSON.
struct SimulationSummary: Codable {
    struct Failure: Codable {
        var name: String
        var message: String
        var replay: String
        var trace: String?
    }

    var kind: String
    var runs: Int
    var failures: Int
    var seconds: Double
    var operations: Int
    var failed: [Failure]

    var runsPerSecond: Double { Double(self.runs) / max(self.seconds, 0.001) }

    func printTable() {
        print("")
        print("  \(self.kind)    failed    seconds    \(self.kind)/s    client ops")
        print(String(format: "  %5d    %6d    %7.2f    %8.1f    %10d", self.runs, self.failures, self.seconds, self.runsPerSecond, self.operations))
        for failure in self.failed {
            print("\n  \(failure.name): \(failure.message)\n    replay: \(failure.replay)" + (failure.trace.map { "\n    trace:  \($0)" } ?? ""))
        }
    }

    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
