/// Why an exercise command could not do its job, each with what to do about it.
public enum ExerciseError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAnExercise(String)
    case invalidDescriptor(String, String)
    case unknownExercise(String, available: [String])
    case unknownStep(String, available: [String])
    case repositoryNotFound(String)
    case destinationNotEmpty(String)
    case dependencyLineMissing(String)
    case buildFailed(String)
    case testProcessCrashed(String)

    public var description: String {
        switch self {
        case .notAnExercise(let path):
            return "\(path) has no exercise.json: pass the folder that `labctl exercise new` made"
        case .invalidDescriptor(let path, let problem):
            return "\(path) is not a valid exercise descriptor: \(problem)"
        case .unknownExercise(let name, let available):
            return "no exercise named '\(name)'; available: \(available.joined(separator: ", "))"
        case .unknownStep(let step, let available):
            return "no step '\(step)'; available: \(available.joined(separator: ", "))"
        case .repositoryNotFound(let start):
            return "no DistLab checkout (a folder with Package.swift and labs/) at or above \(start); run labctl from the repository or pass --repository"
        case .destinationNotEmpty(let path):
            return "\(path) already exists and is not empty; choose a new folder"
        case .dependencyLineMissing(let path):
            return "\(path) has no `.package(name: \"DistLab\", path: ...)` line to point at this checkout"
        case .buildFailed(let directory):
            return "the exercise in \(directory) does not build: fix the compiler errors above, then grade again"
        case .testProcessCrashed(let directory):
            return "the tests in \(directory) crashed (a trap or fatal error in the code under test); the checks after the crash have no result — see the output above"
        }
    }
}
