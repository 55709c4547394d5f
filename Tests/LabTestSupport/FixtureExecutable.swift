import Foundation

/// Finds the executables SwiftPM builds next to the test bundle (e.g. .build/debug/labtestnode).
public enum FixtureExecutable {
    public struct Missing: Error, CustomStringConvertible {
        var name: String
        var searched: [String]
        public var description: String {
            "test fixture executable '\(name)' not found; looked in: "
                + searched.joined(separator: ", ")
                + ". Build it with `swift build --product \(name)` (or run `swift build --build-tests`)."
        }
    }

    /// The URL of the built executable `name`, searching the test runner's directory and, for
    /// bundles nested like X.xctest/Contents/MacOS, its parents.
    public static func url(named name: String) throws -> URL {
        let runners = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        var searched: [String] = []
        for runner in runners.compactMap({ $0 }) {
            var directory = runner.deletingLastPathComponent().standardizedFileURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                if !searched.contains(directory.path) { searched.append(directory.path) }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw Missing(name: name, searched: searched)
    }
}
