import ArgumentParser
import FileShareCore
import FileSharePeer
import Foundation
import LabNet
import LabRandom

/// `p2p workload`: puts a few files on the network, then downloads them again and again from
/// whoever holds them, for a while; writes the files' ids for `p2p check`.
struct WorkloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload",
        abstract: "Put a few files, then download them over and over for a while; write their ids (JSON Lines).",
        discussion: """
            The files hold seeded random bytes. Every download goes to every holder the tracker lists, verifies each piece and is compared with the original; a download that fails (no holder left, say) is counted, not fatal. Check the network afterwards with `p2p check --ledger FILE`.

            Example:
              p2p workload --tracker http://127.0.0.1:7000 --peer 127.0.0.1:7101 --duration 10 --ledger files.jsonl
            """
    )

    @Option(help: ArgumentHelp("The tracker's URL.", valueName: "url")) var tracker: String
    @Option(help: ArgumentHelp("The peer to put the files on.", valueName: "host:port")) var peer: String
    @Option(help: "How many files.") var files = 3
    @Option(help: "Size of each file in KiB.") var sizeKib = 2_048
    @Option(help: "Peers that should hold each file.") var replicas = 2
    @Option(help: "Seconds to keep downloading.") var duration = 10.0
    @Option(help: "Seed of the files' bytes (default: random).") var seed: UInt64?
    @Option(help: "Where to write the files' ids (JSON Lines).") var ledger: String
    @Option(help: "Also write each download's duration as CSV (seconds,milliseconds,outcome), for labctl run.") var latencies: String?

    func run() async throws {
        AllocatorTuning.keepPieceBuffersOnTheHeap()
        guard let peer = HostAndPort(parsing: self.peer) else { throw ValidationError("--peer \(self.peer): expected HOST:PORT") }
        let seed = self.seed ?? UInt64.random(in: 0...UInt64.max)
        let tracker = TrackerConnection(baseURL: self.tracker)
        let client = P2PClient(tracker: tracker, token: try await Self.retrying { try await tracker.login(username: "workload", password: "workload") }.token)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("p2p-workload-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SplitMix64(seed: seed)
        var entries: [FileEntry] = []
        for number in 0..<self.files {
            var data = Data(count: self.sizeKib << 10)
            data.withUnsafeMutableBytes { buffer in
                for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: random.next()) }
            }
            let path = "\(folder)/wl-\(seed % 100_000)-\(number).bin"
            try data.write(to: URL(fileURLWithPath: path))
            let upload = try await Self.retrying { try await client.upload(path, to: peer, replicas: self.replicas, pieceSize: 256 << 10) }
            entries.append(FileEntry(id: upload.manifest.id, name: upload.manifest.name, sha256: Hex.sha256(of: data)))
        }
        try entries.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }.joined(separator: "\n")
            .write(toFile: self.ledger, atomically: true, encoding: .utf8)
        print("p2p workload: put \(entries.count) file(s) of \(self.sizeKib) KiB with \(self.replicas) replicas; downloading for \(self.duration) s, seed \(seed)")
        fflush(nil)
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int(self.duration * 1_000))
        var (ok, failed, round) = (0, 0, 0)
        var latencyLines = ""
        while ContinuousClock.now < end {
            let entry = entries[round % entries.count]
            round += 1
            let copy = "\(folder)/copy-\(round).bin"
            let began = ContinuousClock.now
            let before = ok
            defer {
                latencyLines += String(format: "%.4f,%.3f,%@\n", (began - start).seconds, (ContinuousClock.now - began).seconds * 1_000, ok > before ? "ok" : "fail")
            }
            do {
                let manifest = try await client.resolve(entry.id)
                _ = try await client.download(manifest, to: copy)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
                if Hex.sha256(of: bytes) == entry.sha256 { ok += 1 } else { failed += 1 }
            } catch {
                failed += 1
                print("download of \(entry.name) failed: \(error)")
            }
            try? FileManager.default.removeItem(atPath: copy)
            try? FileManager.default.removeItem(atPath: copy + ".part")
        }
        if let path = self.latencies { try latencyLines.write(toFile: path, atomically: true, encoding: .utf8) }
        print("p2p workload: \(ok) download(s) ok and identical, \(failed) failed; ledger in \(self.ledger)")
    }

    /// Runs `call`, trying again (up to 5 times, with a growing pause) while it fails: the
    /// network may be starting up or a peer restarting.
    private static func retrying<T>(_ call: () async throws -> T) async throws -> T {
        for attempt in 1..<5 {
            do { return try await call() } catch { try await Task.sleep(for: .milliseconds(200 * attempt)) }
        }
        return try await call()
    }
}

/// A file the workload put: its id and the SHA-256 of its whole content.
struct FileEntry: Codable, Sendable {
    var id: String
    var name: String
    var sha256: String
}
