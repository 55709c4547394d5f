import Foundation

/// What `exercise.json` says about a student exercise: a SwiftPM package under
/// `labs/<lab>/exercises/<name>/` whose tests grade the student's code with the shared suite.
public struct ExerciseDescriptor: Sendable, Equatable, Codable {
    /// One step of an exercise (e.g. Raft's 3A), graded by one test suite of the package.
    public struct Step: Sendable, Equatable, Codable {
        /// The step's id, as it appears in grade records (e.g. "3A-election").
        public var id: String
        /// The test suite that grades it, for `swift test --filter`.
        public var suite: String
        public var title: String

        public init(id: String, suite: String, title: String) {
            self.id = id
            self.suite = suite
            self.title = title
        }
    }

    public var name: String
    public var lab: String
    public var title: String
    /// The folder, relative to the package, holding the code the student writes.
    public var skeleton: String
    /// The folder whose files replace the skeleton's to build the course's reference instead; it is
    /// not copied out to students.
    public var reference: String
    public var steps: [Step]

    /// The name of the descriptor file inside an exercise package.
    public static let fileName = "exercise.json"

    /// Reads the descriptor of the exercise package in `directory`.
    public static func load(from directory: URL) throws(ExerciseError) -> ExerciseDescriptor {
        let file = directory.appendingPathComponent(self.fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .notAnExercise(directory.path)
        }
        do {
            return try JSONDecoder().decode(ExerciseDescriptor.self, from: data)
        } catch {
            throw .invalidDescriptor(file.path, "\(error)")
        }
    }

    /// The step whose id is `id` or starts with it ("3A" finds "3A-election").
    public func step(matching id: String) throws(ExerciseError) -> Step {
        guard let step = self.steps.first(where: { $0.id == id }) ?? self.steps.first(where: { $0.id.hasPrefix(id) }) else {
            throw .unknownStep(id, available: self.steps.map(\.id))
        }
        return step
    }
}
