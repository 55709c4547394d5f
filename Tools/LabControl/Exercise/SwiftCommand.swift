import Foundation

/// Runs the Swift toolchain (`swift test`, `swift build`) in a package folder, passing its output
/// on as it arrives.
enum SwiftCommand {
    /// Runs `arguments` (e.g. `["swift", "build"]`) in `directory` with `environment` added to this
    /// process's; returns the exit status and the whole output.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:], echo: (@Sendable (String) -> Void)?
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        var output = Data()
        while true {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
            echo?(String(decoding: chunk, as: UTF8.self))
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
