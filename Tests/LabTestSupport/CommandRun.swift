import Foundation

/// The outcome of running a built executable to completion.
public struct CommandRun: Sendable {
    public var status: Int32
    public var output: String
    public var errorOutput: String

    /// Runs the built product `name` with `arguments` in `directory` and collects its output.
    ///
    /// The wait happens on a thread of its own: blocking one of Swift's cooperative threads (as
    /// many as there are cores) for the seconds a `labctl up` takes would stall every other test
    /// running in parallel, and make their deadlines fail.
    public static func run(_ name: String, _ arguments: [String], in directory: String) async throws -> CommandRun {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try self.runBlocking(name, arguments, in: directory) })
            }.start()
        }
    }

    private static func runBlocking(_ name: String, _ arguments: [String], in directory: String) throws -> CommandRun {
        let process = Process()
        process.executableURL = try FixtureExecutable.url(named: name)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRun(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errorOutput: String(decoding: errorData, as: UTF8.self)
        )
    }

    /// Both streams, for failure messages.
    public var transcript: String { "exit \(self.status)\nstdout:\n\(self.output)\nstderr:\n\(self.errorOutput)" }
}
