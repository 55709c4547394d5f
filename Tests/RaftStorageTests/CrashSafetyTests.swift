import Foundation
import LabTestSupport
import RaftCore
import RaftStorage
import Testing

/// A node killed with SIGKILL while it persists restarts with exactly the state after some prefix
/// of what it persisted: every acknowledged ready, at most one more, never a torn one.
///
/// `labtestnode raft-storage-writer` persists seeded-random readies and compactions in a loop,
/// announcing before each one the state it leads to (`state <JSON>`) and acknowledging it after
/// (`persisted <n>`). Each round kills it after a seeded-random number of acknowledgements.
/// Replay a failure with LAB_SEED=<printed seed>.
@Suite struct CrashSafetyTests {
    @Test(.timeLimit(.minutes(2)))
    func sigkillWhilePersistingLeavesAPrefix() throws {
        let seed = SeededGenerator.seedForTest()
        print("RaftStorage CrashSafetyTests seed: \(seed) (replay with LAB_SEED=\(seed))")
        var random = SeededGenerator(seed: seed)
        let executable = try FixtureExecutable.url(named: "labtestnode")
        for round in 1...5 {
            let persists = Int.random(in: 1...150, using: &random)
            let outcome = try self.runRound(executable: executable, seed: random.next(), persistsBeforeKill: persists)
            print("RaftStorage CrashSafetyTests round \(round): \(outcome)")
        }
    }

    private func runRound(executable: URL, seed: UInt64, persistsBeforeKill: Int) throws -> String {
        let directory = try TemporaryDirectory()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["raft-storage-writer", "--dir", directory.path, "--seed", String(seed)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        var output = ChildOutput(pipe.fileHandleForReading)
        try output.wait(for: "\(persistsBeforeKill) persists", timeout: .seconds(30)) { lines in
            lines.contains("persisted \(persistsBeforeKill)")
        }
        try #require(!output.ended, "the writer exited on its own; its last line: \(output.lines.last ?? "none")")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        output.readToEnd()

        // The states the storage may hold: the last acknowledged one, and the one announced after it.
        var announced: [PersistentState] = [.empty]
        var acknowledged = 0
        for line in output.lines {
            if line.hasPrefix("state ") {
                announced.append(try JSONDecoder().decode(PersistentState.self, from: Data(line.dropFirst(6).utf8)))
            } else if line.hasPrefix("persisted ") {
                acknowledged = try #require(Int(line.dropFirst(10)))
            }
        }
        let allowed = announced[acknowledged...]
        let loaded = try RaftDiskStorage(directory: directory.path, identity: ClusterIdentity(clusterID: "crash", nodeID: 1)).load()
        let match = allowed.firstIndex(of: loaded)
        #expect(match != nil, """
            writer seed \(seed): after SIGKILL the storage holds no state of an allowed prefix \
            (acknowledged \(acknowledged), announced \(announced.count - 1)); loaded \(loaded.entries.count) entries, \
            \(String(describing: loaded.snapshot)), \(loaded.hardState)
            """)
        return "killed after \(acknowledged) acknowledged persists, reopened at prefix \(match.map(String.init) ?? "none")"
    }
}
