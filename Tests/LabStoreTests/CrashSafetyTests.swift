import LabTestSupport
import Foundation
import LabStore
import Testing

/// A process killed with SIGKILL while it overwrites an object never leaves a torn object.
///
/// `labtestnode object-writer` overwrites one key with self-checking objects in a loop. Each round
/// waits for its "ready", lets it store a seeded-random number of further objects (watching them
/// through `get`, which must never see a torn one either), kills it, and checks the object on disk.
/// Replay a failure with LAB_SEED=<printed seed>.
@Suite struct CrashSafetyTests {
    static let key = "crash/object.bin"

    @Test(.timeLimit(.minutes(1)))
    func sigkillDuringOverwritesNeverTearsTheObject() throws {
        let seed = SeededGenerator.seedForTest()
        print("CrashSafetyTests seed: \(seed) (replay with LAB_SEED=\(seed))")
        var random = SeededGenerator(seed: seed)
        let executable = try FixtureExecutable.url(named: "labtestnode")

        for round in 1...5 {
            let size = Int.random(in: 1_000...200_000, using: &random)
            let writes = UInt64.random(in: 2...40, using: &random)
            try runRound(executable: executable, size: size, writesBeforeKill: writes)
            print("CrashSafetyTests round \(round): size \(size), killed after \(writes)+ writes: ok")
        }
    }

    private func runRound(executable: URL, size: Int, writesBeforeKill: UInt64) throws {
        let directory = try TemporaryDirectory()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["object-writer", "--dir", directory.path, "--key", Self.key,
                             "--size", String(size)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        var lines = LineReader(output.fileHandleForReading)
        try lines.waitFor(line: "ready", timeout: .seconds(20))

        // The writer is alive: opening the store must not remove its temporary file.
        let store = try ObjectStore(directory: directory.path)
        var seen: UInt64 = 0
        let deadline = ContinuousClock.now + .seconds(20)
        while seen < writesBeforeKill {
            seen = try SelfCheckingObject(parsing: store.get(Self.key), size: size).sequence
            #expect(ContinuousClock.now < deadline, "writer stalled at object \(seen)")
            if ContinuousClock.now >= deadline { return }
            usleep(1_000) // poll interval only: the loop waits on the condition above
        }

        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)

        let reopened = try ObjectStore(directory: directory.path)
        let survivor = try SelfCheckingObject(parsing: reopened.get(Self.key), size: size)
        #expect(survivor.sequence >= seen)
        #expect(try reopened.list() == [Self.key])
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
            .filter { $0.contains(".labstore-tmp.") }
        #expect(leftovers == [], "temporary files of the killed writer were not cleaned up")
    }
}
