import Foundation
import LabGrading

/// Proves that an exercise template is real: copied out as a student gets it, it builds (and so do
/// the packages nested in it, such as the Raft exercise's `Run/`) and every check fails with a
/// message (none passes for free, none crashes); with the course's reference substituted for the
/// skeleton, every one of the same checks passes.
public struct ExerciseVerifier: Sendable {
    /// What one verification found.
    public struct Verdict: Sendable {
        public var exercise: String
        public var shipped: GradeReport
        public var reference: GradeReport
        /// Everything wrong with the template; empty when it is sound.
        public var problems: [String]
    }

    public var repository: URL
    /// Where the working copies go (one subfolder per exercise, reused between runs of the same
    /// exercise), and one build folder that every copy and nested package shares: they all build
    /// the same DistLab targets and dependencies (gRPC, NIO, SQLite…), which then compile once.
    public var workspace: URL
    public var echo: (@Sendable (String) -> Void)?

    public init(repository: URL, workspace: URL, echo: (@Sendable (String) -> Void)? = nil) {
        self.repository = repository
        self.workspace = workspace
        self.echo = echo
    }

    public func verify(_ entry: ExerciseCatalog.Entry) throws -> Verdict {
        let name = entry.descriptor.name
        let copy = self.workspace.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: copy)
        try ExerciseCopier.copy(entry, into: copy, repository: self.repository)
        let scratch = self.workspace.appendingPathComponent(".build")
        let grader = ExerciseGrader(directory: copy, scratchPath: scratch, echo: self.echo)
        let shipped = try grader.grade(exercise: name)
        var problems: [String] = []
        for package in ExerciseCopier.nestedPackages(in: copy) {
            let (status, _) = try SwiftCommand.run(["swift", "build", "--scratch-path", scratch.path], in: package, echo: self.echo)
            if status != 0 { problems.append("\(package.lastPathComponent)/ does not build as shipped (run with --verbose to see why)") }
        }
        try ExerciseCopier.substituteReference(of: entry, in: copy)
        let reference = try grader.grade(exercise: "\(name) (reference)")
        problems += Self.problems(shipped: shipped, reference: reference, steps: entry.descriptor.steps)
        return Verdict(exercise: name, shipped: shipped, reference: reference, problems: problems)
    }

    /// What is wrong with a template, given its grade as shipped and with the reference.
    public static func problems(shipped: GradeReport, reference: GradeReport, steps: [ExerciseDescriptor.Step]) -> [String] {
        var problems: [String] = []
        if shipped.records.isEmpty { problems.append("as shipped, no check ran") }
        for record in shipped.records where record.result == .passed {
            problems.append("as shipped, \(record.step) \(record.check) passes without any student code")
        }
        for record in shipped.records where record.result == .failed && (record.message ?? "").isEmpty {
            problems.append("as shipped, \(record.step) \(record.check) fails without saying why")
        }
        for record in reference.records where record.result != .passed {
            problems.append("with the reference, \(record.step) \(record.check) \(record.result.rawValue): \(record.message ?? "")")
        }
        let shippedChecks = Set(shipped.records.map { "\($0.step) \($0.check)" })
        let referenceChecks = Set(reference.records.map { "\($0.step) \($0.check)" })
        for missing in referenceChecks.subtracting(shippedChecks).sorted() {
            problems.append("as shipped, \(missing) left no result")
        }
        for missing in shippedChecks.subtracting(referenceChecks).sorted() {
            problems.append("with the reference, \(missing) left no result")
        }
        for step in steps where !shipped.records.contains(where: { $0.step == step.id }) {
            problems.append("step \(step.id) (suite \(step.suite)) has no checks")
        }
        return problems
    }
}
