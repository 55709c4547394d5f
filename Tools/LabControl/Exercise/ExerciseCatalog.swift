import Foundation

/// The exercises of a DistLab checkout: every `labs/<lab>/exercises/<name>/exercise.json`.
public struct ExerciseCatalog: Sendable {
    /// One exercise and where its template lives.
    public struct Entry: Sendable {
        public var descriptor: ExerciseDescriptor
        public var directory: URL
    }

    /// The checkout's root (the folder with Package.swift and labs/).
    public let repository: URL
    public let entries: [Entry]

    /// Reads every exercise of the checkout at `repository`, sorted by lab and name.
    public init(repository: URL) throws(ExerciseError) {
        self.repository = repository
        let labs = repository.appendingPathComponent("labs")
        let files = FileManager.default
        var entries: [Entry] = []
        for lab in (try? files.contentsOfDirectory(atPath: labs.path)) ?? [] {
            let exercises = labs.appendingPathComponent(lab).appendingPathComponent("exercises")
            for name in (try? files.contentsOfDirectory(atPath: exercises.path)) ?? [] {
                let directory = exercises.appendingPathComponent(name)
                guard files.fileExists(atPath: directory.appendingPathComponent(ExerciseDescriptor.fileName).path) else { continue }
                entries.append(Entry(descriptor: try ExerciseDescriptor.load(from: directory), directory: directory))
            }
        }
        self.entries = entries.sorted { ($0.descriptor.lab, $0.descriptor.name) < ($1.descriptor.lab, $1.descriptor.name) }
    }

    /// The exercise called `name`.
    public func entry(named name: String) throws(ExerciseError) -> Entry {
        guard let entry = self.entries.first(where: { $0.descriptor.name == name }) else {
            throw .unknownExercise(name, available: self.entries.map(\.descriptor.name))
        }
        return entry
    }

    /// The DistLab checkout containing `start` (walking up), e.g. the current directory.
    public static func findRepository(from start: URL) throws(ExerciseError) -> URL {
        var directory = start.standardizedFileURL
        while true {
            let files = FileManager.default
            if files.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
                files.fileExists(atPath: directory.appendingPathComponent("labs/manifest.schema.json").path)
            {
                return directory
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { throw .repositoryNotFound(start.path) }
            directory = parent
        }
    }
}
