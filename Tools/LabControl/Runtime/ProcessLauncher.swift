import Foundation
import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A node process that has been started: its pid and a task that ends when it exits.
struct LaunchedProcess: Sendable {
    var pid: Int32
    /// Completes with a description of how the process ended ("exited with code 0", …).
    var exit: Task<ProcessExit, Never>
}

/// How a process ended.
struct ProcessExit: Sendable, Equatable, CustomStringConvertible {
    var code: Int32?
    var signal: Int32?
    var spawnError: String?

    var isFailure: Bool { self.code != 0 }

    var description: String {
        if let spawnError { return "failed to start: \(spawnError)" }
        if let signal { return "killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")" }
        return "exited with code \(self.code ?? -1)"
    }

    private static func signalName(_ signal: Int32) -> String? {
        [SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP"][signal]
    }
}

/// Starts node processes through swift-subprocess, each in its own process group (so signals
/// reach the whole group and a terminal's Ctrl-C reaches only labctl), with stdout and stderr
/// appended to the node's log file.
enum ProcessLauncher {
    static func launch(_ node: ResolvedNode, workingDirectory: String) async throws -> LaunchedProcess {
        let logFD = try FileDescriptor.open(
            FilePath(node.logFile.path), .writeOnly,
            options: [.create, .append], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        var options = PlatformOptions()
        options.processGroupID = 0
        var environment: [Environment.Key: String?] = [:]
        for (key, value) in node.environment {
            if let key = Environment.Key(rawValue: key) { environment[key] = value }
        }
        let configuration = Configuration(
            executable: .path(FilePath(node.executable)),
            arguments: Arguments(node.arguments),
            environment: .inherit.updating(environment),
            workingDirectory: FilePath(workingDirectory),
            platformOptions: options
        )
        let (pids, pidContinuation) = AsyncStream.makeStream(of: Int32.self)
        let exit = Task<ProcessExit, Never> {
            defer { pidContinuation.finish() }
            do {
                let result = try await Subprocess.run(
                    configuration,
                    input: .none,
                    output: .fileDescriptor(logFD, closeAfterSpawningProcess: true),
                    error: .combinedWithOutput
                ) { execution in
                    pidContinuation.yield(execution.processIdentifier.value)
                }
                switch result.terminationStatus {
                case .exited(let code): return ProcessExit(code: code, signal: nil)
                case .signaled(let signal): return ProcessExit(code: nil, signal: signal)
                }
            } catch {
                try? logFD.close()
                return ProcessExit(code: nil, signal: nil, spawnError: String(describing: error))
            }
        }
        for await pid in pids {
            return LaunchedProcess(pid: pid, exit: exit)
        }
        let failure = await exit.value
        throw ControlError.spawnFailed(node: node.spec.name, reason: failure.spawnError ?? failure.description)
    }

    /// Sends `signal` to the process group led by `pid`.
    static func signal(_ signal: Int32, toGroupOf pid: Int32) {
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}
