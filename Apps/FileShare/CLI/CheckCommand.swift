import ArgumentParser
import FileShareCore
import FileSharePeer
import Foundation

/// `p2p check`: every file of a workload has its replicas on live peers, and every copy verifies.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that every file in a ledger has --replicas live holders and that every holder's copy is intact.",
        discussion: """
            Waits (at most --timeout seconds) for the tracker to list --replicas live holders of each file (re-replication after a peer died takes the tracker's --peer-ttl and a heartbeat), then downloads each file from each holder alone, verifying every piece and the whole content. Exit 0 if all holds, 1 if not.

            Example:
              p2p check --tracker http://127.0.0.1:7000 --ledger files.jsonl --replicas 2
            """
    )

    @Option(help: ArgumentHelp("The tracker's URL.", valueName: "url")) var tracker: String
    @Option(help: "The ledger written by `p2p workload`.") var ledger: String
    @Option(help: "Live holders each file must have.") var replicas = 2
    @Option(help: "Seconds to wait for re-replication.") var timeout = 60.0

    func run() async throws {
        AllocatorTuning.keepPieceBuffersOnTheHeap()
        let entries = try String(contentsOfFile: self.ledger, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(FileEntry.self, from: Data($0.utf8))
        }
        let tracker = TrackerConnection(baseURL: self.tracker)
        let token = try await tracker.login(username: "checker", password: "checker").token
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("p2p-check-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deadline = ContinuousClock.now + .milliseconds(Int(self.timeout * 1_000))
        var problems: [String] = []
        var copies = 0
        for entry in entries {
            // The network settles: a dead holder is listed until the tracker's TTL drops it, and
            // its replacement copy follows a heartbeat later. Check again until all holds or time is up.
            var found: [String]
            repeat {
                (found, copies) = try await self.problems(of: entry, tracker: tracker, token: token, folder: folder, copiesSoFar: copies)
                if found.isEmpty || ContinuousClock.now >= deadline { break }
                try await Task.sleep(for: .milliseconds(500))
            } while true
            problems += found
        }
        for problem in problems.prefix(20) { print("  \(problem)") }
        if problems.isEmpty {
            print("verdict: every file has \(self.replicas) live replicas and every copy verifies (\(entries.count) files, \(copies) copies)")
        } else {
            print("verdict: FAIL: \(problems.count) problem(s) in \(entries.count) files")
            throw ExitCode(1)
        }
    }

    /// What is wrong with `entry` now: too few live holders, or a holder whose copy does not
    /// download intact from it alone. Returns the problems and the count of good copies.
    private func problems(
        of entry: FileEntry, tracker: TrackerConnection, token: String, folder: String, copiesSoFar: Int
    ) async throws -> ([String], Int) {
        var problems: [String] = []
        var copies = copiesSoFar
        let holders = try await tracker.holders(of: entry.id, token: token)
        if holders.peers.count < self.replicas {
            problems.append("\(entry.name) has \(holders.peers.count) live holder(s), not \(self.replicas)")
        }
        for holder in holders.peers {
            var downloader = Downloader(manifest: holders.file, destination: "\(folder)/\(holder.id)-\(entry.id).bin")
            downloader.rounds = 1
            defer {
                try? FileManager.default.removeItem(atPath: downloader.destination)
                try? FileManager.default.removeItem(atPath: downloader.partialPath)
            }
            do {
                _ = try await downloader.run(sources: { [DownloadSource(id: holder.id, address: holder.address)] })
                let bytes = try Data(contentsOf: URL(fileURLWithPath: downloader.destination))
                if Hex.sha256(of: bytes) == entry.sha256 { copies += 1 } else { problems.append("\(holder.id)'s copy of \(entry.name) differs") }
            } catch {
                problems.append("\(holder.id)'s copy of \(entry.name) does not verify: \(error)")
            }
        }
        return problems.isEmpty ? ([], copies) : (problems, copiesSoFar)
    }
}
