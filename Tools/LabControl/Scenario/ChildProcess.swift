import Foundation

/// Runs a scenario's program (workload, check, leader probe) with its output in a file.
enum ChildProcess {
    /// Starts `executable` with `arguments`, output appended to `log`; returns the running process.
    static func start(_ executable: String, _ arguments: [String], log: URL) throws -> Process {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Waits for `process` to exit, killing it after `limit`; returns its exit status.
    static func wait(_ process: Process, limit: Duration) async -> Int32 {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// Runs to completion and returns the exit status and output.
    static func run(_ executable: String, _ arguments: [String], log: URL, limit: Duration) async throws -> (status: Int32, output: String) {
        let process = try self.start(executable, arguments, log: log)
        let status = await self.wait(process, limit: limit)
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// The last non-empty line of `text`.
    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? "(no output)"
    }
}
