import ArgumentParser
import Foundation
import LabControl
import LabGrading

/// `labctl exercise`: the student exercises — list them, copy one out, grade it, prove them sound.
struct Exercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, copy out and grade the student exercises (labs/<lab>/exercises/<name>/).",
        discussion: """
            Each exercise is a SwiftPM package whose tests run the course's shared suite against the \
            student's code. A student's session:
              labctl exercise list                            what there is
              labctl exercise new raft --into ~/raft          a copy to work in, pointed at this checkout
              cd ~/raft && swift test --filter Election3A     iterate on one step
              labctl exercise grade ~/raft                    the points table, and grade.json for the course
            Instructors and CI run `labctl exercise verify`: each template compiles, fails every \
            check as shipped, and passes every check with the reference substituted.
            """,
        subcommands: [ExerciseList.self, ExerciseNew.self, ExerciseGrade.self, ExerciseVerify.self]
    )
}

/// Passes build and test output through to the terminal as it arrives.
@Sendable func echoToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Where to find the DistLab checkout, for the exercise commands.
struct RepositoryOption: ParsableArguments {
    @Option(help: "The DistLab checkout (default: the one containing the current folder).")
    var repository: String?

    func catalog() throws -> ExerciseCatalog {
        let start = URL(fileURLWithPath: self.repository ?? FileManager.default.currentDirectoryPath)
        return try ExerciseCatalog(repository: self.repository == nil ? ExerciseCatalog.findRepository(from: start) : start)
    }
}

struct ExerciseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the exercises and their steps.")

    @OptionGroup var location: RepositoryOption

    func run() throws {
        let catalog = try self.location.catalog()
        for entry in catalog.entries {
            let descriptor = entry.descriptor
            print("\(descriptor.name)  [\(descriptor.lab)]  \(descriptor.title)")
            for step in descriptor.steps { print("    \(step.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(step.title)") }
        }
        print("\nStart one with: labctl exercise new NAME --into DIR")
    }
}

struct ExerciseNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Copy an exercise out to work on, its dependency pointed at this checkout.")

    @Argument(help: "The exercise, as `labctl exercise list` names it.")
    var name: String

    @Option(help: "The new folder (must not exist or be empty).")
    var into: String

    @OptionGroup var location: RepositoryOption

    func run() throws {
        let catalog = try self.location.catalog()
        let entry = try catalog.entry(named: self.name)
        let destination = URL(fileURLWithPath: self.into).standardizedFileURL
        try ExerciseCopier.copy(entry, into: destination, repository: catalog.repository)
        print("""
            Copied '\(self.name)' to \(destination.path).
            Your code goes in \(entry.descriptor.skeleton)/; README.md there explains the goal and the rules.
              cd \(destination.path)
              swift test --filter \(entry.descriptor.steps.first?.suite ?? "")     # the first step
              labctl exercise grade \(destination.path)   # the points table
            """)
    }
}

struct ExerciseGrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Run an exercise's tests and print a points table; write the grade as JSON.",
        discussion: "Exit code 0 when every check passed, 1 when some did not, 2 when the package does not build or its tests crashed."
    )

    @Argument(help: "The exercise package (made by `labctl exercise new`).")
    var directory: String

    @Option(help: "Grade only this step (e.g. 3A).")
    var step: String?

    @Option(help: "Where to write the grade (default: DIRECTORY/grade.json).")
    var output: String?

    @Flag(help: "Do not show the build and test output, only the table.")
    var quiet = false

    func run() throws {
        let directory = URL(fileURLWithPath: self.directory).standardizedFileURL
        let descriptor = try ExerciseDescriptor.load(from: directory)
        var step: ExerciseDescriptor.Step?
        if let id = self.step { step = try descriptor.step(matching: id) }
        defer { fflush(nil) }
        print("Grading \(descriptor.name)\(step.map { " step \($0.id)" } ?? "") in \(directory.path): building and running its tests…")
        let grader = ExerciseGrader(directory: directory, step: step, echo: self.quiet ? nil : echoToStandardError)
        let report: GradeReport
        do {
            report = try grader.grade(exercise: descriptor.name)
        } catch {
            throw fail(error, code: 2)
        }
        print("\n" + report.table)
        let file = URL(fileURLWithPath: self.output ?? directory.appendingPathComponent("grade.json").path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(report).write(to: file, options: .atomic)
        print("grade written to \(file.path)")
        if report.count(.passed) != report.records.count { throw ExitCode(1) }
    }
}

struct ExerciseVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Prove the templates sound: as shipped every check fails; with the reference every check passes.",
        discussion: "Builds each template, and the packages nested in it, in a copy under --workspace; all share one build folder (WORKSPACE/.build), so DistLab and its dependencies compile once and a second verify reuses them."
    )

    @Argument(help: "Exercises to verify (default: all).")
    var names: [String] = []

    @Option(help: "Where the working copies go.")
    var workspace: String = FileManager.default.temporaryDirectory.appendingPathComponent("distlab-exercise-verify").path

    @Flag(help: "Show the build and test output.")
    var verbose = false

    @OptionGroup var location: RepositoryOption

    func run() throws {
        let catalog = try self.location.catalog()
        var entries = catalog.entries
        if !self.names.isEmpty {
            entries = []
            for name in self.names { entries.append(try catalog.entry(named: name)) }
        }
        let verifier = ExerciseVerifier(
            repository: catalog.repository, workspace: URL(fileURLWithPath: self.workspace),
            echo: self.verbose ? echoToStandardError : nil)
        var unsound = 0
        for entry in entries {
            print("\(entry.descriptor.name): building the template as shipped, then with the reference…")
            fflush(nil)  // CI logs are pipes: show progress before the long build, not after
            let verdict: ExerciseVerifier.Verdict
            do {
                verdict = try verifier.verify(entry)
            } catch {
                unsound += 1
                print("  UNSOUND: \(error)")
                continue
            }
            print("  as shipped:     \(verdict.shipped.count(.failed)) failed, \(verdict.shipped.count(.skipped)) skipped, \(verdict.shipped.count(.passed)) passed")
            print("  with reference: \(verdict.reference.count(.passed)) of \(verdict.reference.records.count) passed")
            if verdict.problems.isEmpty {
                print("  sound")
            } else {
                unsound += 1
                for problem in verdict.problems { print("  UNSOUND: \(problem)") }
            }
        }
        if unsound > 0 { throw fail("\(unsound) of \(entries.count) exercise(s) unsound") }
        print("all \(entries.count) exercise(s) sound")
    }
}
