import Foundation

/// Copies an exercise template out of the repository for a student: everything but the reference
/// and build folders, with its dependency on DistLab pointed at this checkout by absolute path.
public enum ExerciseCopier {
    /// Copies `entry` into `destination` (which must not exist or be empty) and returns the package
    /// folder, ready for `swift test`.
    @discardableResult
    public static func copy(_ entry: ExerciseCatalog.Entry, into destination: URL, repository: URL) throws -> URL {
        let files = FileManager.default
        if let existing = try? files.contentsOfDirectory(atPath: destination.path), !existing.isEmpty {
            throw ExerciseError.destinationNotEmpty(destination.path)
        }
        try files.createDirectory(at: destination, withIntermediateDirectories: true)
        let skipped: Set<String> = [entry.descriptor.reference, ".build", ".swiftpm", "Package.resolved"]
        for item in try files.contentsOfDirectory(atPath: entry.directory.path) where !skipped.contains(item) && !item.hasPrefix(".build") {
            try files.copyItem(at: entry.directory.appendingPathComponent(item), to: destination.appendingPathComponent(item))
        }
        try self.pointDependency(of: destination, at: repository)
        return destination
    }

    /// Rewrites the `.package(name: "DistLab", path: …)` line of the package in `directory` to name
    /// `repository` by absolute path, so the package builds wherever it was copied.
    public static func pointDependency(of directory: URL, at repository: URL) throws {
        let manifest = directory.appendingPathComponent("Package.swift")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let pattern = #/\.package\(name: "DistLab", path: "[^"]*"\)/#
        guard text.contains(pattern) else { throw ExerciseError.dependencyLineMissing(manifest.path) }
        let path = repository.standardizedFileURL.path
        let rewritten = text.replacing(pattern) { _ in #".package(name: "DistLab", path: "\#(path)")"# }
        try rewritten.write(to: manifest, atomically: true, encoding: .utf8)
    }

    /// Replaces the skeleton's Swift files in the copy at `directory` by the reference's from `entry`.
    public static func substituteReference(of entry: ExerciseCatalog.Entry, in directory: URL) throws {
        let files = FileManager.default
        let skeleton = directory.appendingPathComponent(entry.descriptor.skeleton)
        for file in try files.contentsOfDirectory(atPath: skeleton.path) where file.hasSuffix(".swift") {
            try files.removeItem(at: skeleton.appendingPathComponent(file))
        }
        let reference = entry.directory.appendingPathComponent(entry.descriptor.reference)
        for file in try files.contentsOfDirectory(atPath: reference.path) where file.hasSuffix(".swift") {
            try files.copyItem(at: reference.appendingPathComponent(file), to: skeleton.appendingPathComponent(file))
        }
    }
}
