import Foundation
import LabGrading

/// Grades an exercise package: runs its tests with `DISTLAB_GRADE_DIR` set, so that every check
/// leaves a record, and gathers the records into a `GradeReport`.
public struct ExerciseGrader: Sendable {
    /// The package to grade (a copy made by `labctl exercise new`, or a template in place).
    public var directory: URL
    /// Only this step's suite, or every step.
    public var step: ExerciseDescriptor.Step?
    /// Where the test output goes as it arrives (nil: nowhere).
    public var echo: (@Sendable (String) -> Void)?
    /// The build folder (`swift test --scratch-path`); nil for the package's own `.build`.
    public var scratchPath: URL?

    public init(
        directory: URL, step: ExerciseDescriptor.Step? = nil, scratchPath: URL? = nil, echo: (@Sendable (String) -> Void)? = nil
    ) {
        self.directory = directory
        self.step = step
        self.scratchPath = scratchPath
        self.echo = echo
    }

    /// Builds and runs the tests, then reads their records. Throws when the package does not build
    /// or the test process crashed, since points would then be missing rather than lost.
    public func grade(exercise: String) throws -> GradeReport {
        let records = FileManager.default.temporaryDirectory.appendingPathComponent("distlab-grade-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: records) }
        var arguments = ["swift", "test"]
        if let scratch = self.scratchPath { arguments += ["--scratch-path", scratch.path] }
        if let step = self.step { arguments += ["--filter", step.suite] }
        let (status, output) = try SwiftCommand.run(
            arguments, in: self.directory, environment: [Grading.recordDirectoryVariable: records.path], echo: self.echo)
        let report = (try? GradeReport(exercise: exercise, directory: records.path)) ?? GradeReport(exercise: exercise, records: [])
        if output.contains("unexpected signal") || output.contains("Fatal error") {
            throw ExerciseError.testProcessCrashed(self.directory.path)
        }
        if status != 0 && report.records.isEmpty { throw ExerciseError.buildFailed(self.directory.path) }
        return report
    }
}
