import Foundation
import LabControl
import LabGrading
import Testing

/// The exercise catalog, copying a template out, and the rules `labctl exercise verify` applies.
/// (Building the templates is `labctl exercise verify`'s job in `.ci/run`.)
@Suite struct ExerciseTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyShippedTemplateIsComplete() throws {
        let catalog = try ExerciseCatalog(repository: Self.repository)
        #expect(catalog.entries.map(\.descriptor.name).contains("raft"))
        for entry in catalog.entries {
            let descriptor = entry.descriptor
            let files = FileManager.default
            for folder in [descriptor.skeleton, descriptor.reference] {
                let swiftFiles = try files.contentsOfDirectory(atPath: entry.directory.appendingPathComponent(folder).path).filter { $0.hasSuffix(".swift") }
                #expect(!swiftFiles.isEmpty, "\(descriptor.name): \(folder) has no Swift files")
            }
            #expect(files.fileExists(atPath: entry.directory.appendingPathComponent("README.md").path), "\(descriptor.name) has no README.md")
            let tests = try self.testSources(of: entry.directory)
            for step in descriptor.steps {
                #expect(tests.contains("struct \(step.suite)"), "\(descriptor.name): step \(step.id) names suite \(step.suite), which no test declares")
            }
            let manifest = try String(contentsOf: entry.directory.appendingPathComponent("Package.swift"), encoding: .utf8)
            #expect(manifest.contains(#".package(name: "DistLab", path: "../../../..")"#), "\(descriptor.name): the DistLab dependency must be the in-tree path")
            for nested in ExerciseCopier.nestedPackages(in: entry.directory) {
                let nestedManifest = try String(contentsOf: nested.appendingPathComponent("Package.swift"), encoding: .utf8)
                #expect(nestedManifest.contains(#".package(name: "DistLab", path: "../../../../..")"#), "\(nested.path): the DistLab dependency must be the in-tree path")
                for topology in try files.contentsOfDirectory(atPath: nested.path) where topology.hasSuffix(".json") {
                    #expect(throws: Never.self, "\(nested.path)/\(topology) is not a valid labctl manifest") {
                        try ManifestParser.load(contentsOf: nested.appendingPathComponent(topology))
                    }
                }
            }
        }
    }

    @Test func aCopyPointsAtTheCheckoutAndLeavesTheReferenceBehind() throws {
        let catalog = try ExerciseCatalog(repository: Self.repository)
        let entry = try catalog.entry(named: "raft")
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("exercise-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destination) }
        try ExerciseCopier.copy(entry, into: destination, repository: Self.repository)
        let manifest = try String(contentsOf: destination.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains(#".package(name: "DistLab", path: "\#(Self.repository.standardizedFileURL.path)")"#))
        let runManifest = try String(contentsOf: destination.appendingPathComponent("Run/Package.swift"), encoding: .utf8)
        #expect(runManifest.contains(#".package(name: "DistLab", path: "\#(Self.repository.standardizedFileURL.path)")"#))
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent(entry.descriptor.reference).path))
        #expect(throws: ExerciseError.destinationNotEmpty(destination.path)) {
            try ExerciseCopier.copy(entry, into: destination, repository: Self.repository)
        }
        #expect(throws: ExerciseError.unknownExercise("rafft", available: catalog.entries.map(\.descriptor.name))) {
            try catalog.entry(named: "rafft")
        }
        #expect(try entry.descriptor.step(matching: "3B").id == "3B-replication")
    }

    @Test func verifyFlagsFreePointsCrashesAndAFailingReference() {
        let step = ExerciseDescriptor.Step(id: "1-a", suite: "A", title: "a")
        func record(_ name: String, _ outcome: CheckOutcome) -> GradeRecord {
            GradeRecord(check: GradedCheck(step: "1-a", name: name, summary: name) { _ in outcome }, outcome: outcome, seed: 1, replay: "")
        }
        let sound = ExerciseVerifier.problems(
            shipped: GradeReport(exercise: "x", records: [record("one", .failed(message: "no leader")), record("two", .failed(message: "no"))]),
            reference: GradeReport(exercise: "x", records: [record("one", .passed), record("two", .passed)]), steps: [step])
        #expect(sound.isEmpty)
        let unsound = ExerciseVerifier.problems(
            shipped: GradeReport(exercise: "x", records: [record("one", .passed)]),
            reference: GradeReport(exercise: "x", records: [record("one", .passed), record("two", .failed(message: "bug"))]),
            steps: [step, ExerciseDescriptor.Step(id: "2-b", suite: "B", title: "b")])
        #expect(unsound == [
            "as shipped, 1-a one passes without any student code",
            "with the reference, 1-a two failed: bug",
            "as shipped, 1-a two left no result",
            "step 2-b (suite B) has no checks",
        ])
    }

    @Test func theTableCountsPoints() {
        let passed = GradedCheck(step: "1-a", name: "lease", summary: "", points: 2) { _ in .passed }
        let failed = GradedCheck(step: "1-a", name: "ack", summary: "", points: 3) { _ in .failed(message: "expected done, got queued") }
        let report = GradeReport(exercise: "queue", records: [
            GradeRecord(check: passed, outcome: passed.run(seed: 1), seed: 1, replay: ""),
            GradeRecord(check: failed, outcome: failed.run(seed: 1), seed: 1, replay: "LAB_SEED=1 swift test --filter A"),
        ])
        #expect(report.earned == 2 && report.possible == 5)
        #expect(report.table.contains("1-a   ack    0/3     failed\n    expected done, got queued"))
        #expect(report.table.hasSuffix("queue: 2/5 points — 1 passed, 1 failed, 0 skipped"))
    }

    private func testSources(of directory: URL) throws -> String {
        let tests = directory.appendingPathComponent("Tests")
        var text = ""
        for case let path as String in FileManager.default.enumerator(atPath: tests.path) ?? .init() where path.hasSuffix(".swift") {
            text += try String(contentsOf: tests.appendingPathComponent(path), encoding: .utf8)
        }
        return text
    }
}
