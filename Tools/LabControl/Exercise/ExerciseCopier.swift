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

    /// Rewrites the `.package(name: "DistLab", path: …)` line of the package in `directory`, and of
    /// the packages nested in it (such as the Raft exercise's `Run/`), to name `repository` by
    /// absolute path, so that they build wherever they were copied.
    public static func pointDependency(of directory: URL, at repository: URL) throws {
        let path = repository.standardizedFileURL.path
        let pattern = #/\.package\(name: "DistLab", path: "[^"]*"\)/#
        for manifest in [directory.appendingPathComponent("Package.swift")] + self.nestedPackages(in: directory).map({ $0.appendingPathComponent("Package.swift") }) {
            let text = try String(contentsOf: manifest, encoding: .utf8)
            guard text.contains(pattern) else { throw ExerciseError.dependencyLineMissing(manifest.path) }
            let rewritten = text.replacing(pattern) { _ in #".package(name: "DistLab", path: "\#(path)")"# }
            try rewritten.write(to: manifest, atomically: true, encoding: .utf8)
        }
    }

    /// The folders directly inside `directory` that hold a package of their own (e.g. `Run/`).
    public static func nestedPackages(in directory: URL) -> [URL] {
        let files = FileManager.default
        let children = (try? files.contentsOfDirectory(atPath: directory.path)) ?? []
        return children.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0) }
            .filter { files.fileExists(atPath: $0.appendingPathComponent("Package.swift").path) }
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
