import Foundation

/// Finds the executable a node's `command` names.
///
/// A command with a `/` is a path, relative to the manifest's folder. A bare name is looked up
/// first next to the running `labctl` (so `swift run labctl` finds the labs built beside it),
/// then on `PATH`.
struct ExecutableLocator: Sendable {
    var manifestDirectory: URL
    var searchDirectories: [String]

    init(manifestDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.manifestDirectory = manifestDirectory
        let ownDirectory = Self.ownExecutableDirectory().map { [$0] } ?? []
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        self.searchDirectories = ownDirectory + path
    }

    func locate(_ command: String) throws -> String {
        if command.contains("/") {
            let url = command.hasPrefix("/") ? URL(fileURLWithPath: command) : self.manifestDirectory.appendingPathComponent(command)
            let path = url.standardizedFileURL.path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw ControlError.commandNotFound(command: command, searched: [path])
            }
            return path
        }
        for directory in self.searchDirectories {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(command).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ControlError.commandNotFound(command: command, searched: self.searchDirectories.isEmpty ? ["(nowhere)"] : [self.searchDirectories[0], "PATH"])
    }

    /// The folder of the running executable (`/proc/self/exe` on Linux).
    static func ownExecutableDirectory() -> String? {
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
        return resolved.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
    }
}
