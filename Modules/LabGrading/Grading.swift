import Foundation
import LabRandom

/// Runs graded checks from an exercise's tests: picks the seed (`LAB_SEED` replays one), runs the
/// check on a thread of its own, and, when `DISTLAB_GRADE_DIR` is set (as `labctl exercise grade`
/// does), leaves one JSON `GradeRecord` per check in that directory.
public enum Grading {
    /// The environment variable naming the directory that receives the records.
    public static let recordDirectoryVariable = "DISTLAB_GRADE_DIR"

    /// Runs `check` and returns its record; `testFilter` is what `swift test --filter` needs to
    /// select this check again, for the replay line.
    public static func run(_ check: GradedCheck, testFilter: String) async -> GradeRecord {
        let seed = SplitMix64.seedForTest()
        // Printed first, so that a check that crashes the test process can still be replayed.
        print("▶ \(check.step) \(check.name) LAB_SEED=\(seed)")
        let outcome = await onDedicatedThread { check.run(seed: seed) }
        let record = GradeRecord(
            check: check, outcome: outcome, seed: seed, replay: "LAB_SEED=\(seed) swift test --filter \(testFilter)")
        if let directory = ProcessInfo.processInfo.environment[self.recordDirectoryVariable] {
            self.write(record, into: directory)
        }
        return record
    }

    private static func write(_ record: GradeRecord, into directory: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let file = URL(fileURLWithPath: directory).appendingPathComponent("\(record.step)--\(record.check).json")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try encoder.encode(record).write(to: file, options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("could not write grade record \(file.path): \(error)\n".utf8))
        }
    }
}

/// Runs CPU-heavy synchronous work (a simulation, a checker) on a thread of its own with a large
/// stack, so that it does not hold one of the few threads of Swift's cooperative pool for seconds:
/// on two cores that would starve every other test running in parallel.
public func onDedicatedThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
