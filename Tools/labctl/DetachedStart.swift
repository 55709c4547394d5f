import ArgumentParser
import Foundation
import LabControl
import Subprocess
import SystemPackage

/// Starts a supervisor in a new session (so closing the terminal does not stop it) and waits
/// until its `state.json` says the topology is running or has failed.
enum DetachedStart {
    static func run(manifestURL: URL, root: URL, fresh: Bool) async -> ExitCode {
        let manifest: Manifest
        do {
            manifest = try ManifestParser.load(contentsOf: manifestURL)
        } catch {
            return fail(error, code: 2)
        }
        let runDirectory = RunDirectory(root: root, topology: manifest.name)
        if let previous = try? runDirectory.readState(), previous.isSupervisorAlive {
            return fail(ControlError.alreadyRunning(topology: manifest.name, supervisorPID: previous.supervisorPID))
        }
        do {
            try runDirectory.prepare(nodes: [], fresh: fresh)
            try FileManager.default.createDirectory(at: runDirectory.folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: runDirectory.stateFile)
            let log = try FileDescriptor.open(FilePath(runDirectory.supervisorLog.path), .writeOnly, options: [.create, .append], permissions: [.ownerReadWrite, .groupRead, .otherRead])
            var options = PlatformOptions()
            options.createSession = true
            let configuration = Configuration(
                executable: .path(FilePath(try ownExecutable())),
                arguments: Arguments(["supervise", manifestURL.path, "--run-dir", root.path]),
                platformOptions: options
            )
            let (spawned, signalSpawned) = AsyncStream.makeStream(of: Int32.self)
            Task {
                _ = try? await Subprocess.run(configuration, input: .none, output: .fileDescriptor(log, closeAfterSpawningProcess: true), error: .combinedWithOutput) { execution in
                    signalSpawned.yield(execution.processIdentifier.value)
                    signalSpawned.finish()
                }
                signalSpawned.finish()
            }
            var supervisorPID: Int32?
            for await pid in spawned { supervisorPID = pid }
            guard let supervisorPID else { return fail(ControlError.spawnFailed(node: "supervisor", reason: "see \(runDirectory.supervisorLog.path)")) }
            print("labctl: starting \(manifest.name) in the background (supervisor pid \(supervisorPID), log \(runDirectory.supervisorLog.path))")
            return await self.waitForOutcome(runDirectory, supervisorPID: supervisorPID)
        } catch {
            return fail(error)
        }
    }

    /// Polls the state file until the topology runs or fails, or the supervisor dies.
    private static func waitForOutcome(_ runDirectory: RunDirectory, supervisorPID: Int32) async -> ExitCode {
        while true {
            if let state = try? runDirectory.readState(), state.supervisorPID == supervisorPID {
                switch state.phase {
                case .running:
                    print(StatusTable.render(state))
                    return .success
                case .failed, .down:
                    print(StatusTable.render(state))
                    return fail("the topology did not start; see \(runDirectory.supervisorLog.path) and `labctl logs NODE`")
                case .starting, .stopping:
                    break
                }
            }
            if kill(supervisorPID, 0) != 0 {
                return fail("the supervisor exited during start-up; see \(runDirectory.supervisorLog.path)")
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    private static func ownExecutable() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}
