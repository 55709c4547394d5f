import FileShareCore
import FileSharePeer
import Foundation
import LabNet
import LabRandom
import ArgumentParser

/// `p2p bench`: how fast a file moves between peers on loopback, from one source and from three,
/// with every piece verified; MB/s and CPU seconds, as a table and as JSON.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure peer-to-peer transfer: a file from 1 source and from 3 sources, every piece verified.",
        discussion: """
            Starts a tracker and 3 peers in this process (real HTTP and gRPC on loopback, one data folder each), puts the file on p1 with 3 replicas, then downloads it --repeat times from p1 alone and from p1, p2 and p3 at once. Prints MB/s (10^6 bytes per second, median of the runs) and the CPU seconds the whole process used (peers and downloader together).

            Keep --dir on tmpfs (/dev/shm, the default when it exists) to measure the network path rather than the disk; Tools/bench/p2p-vs-http.sh compares the result with curl and aria2c on the same file.

            Example:
              p2p bench --size-mib 1024 --json p2p-bench.json
            """
    )

    @Option(help: "Size of the generated file in MiB (ignored with --file).") var sizeMib = 1_024
    @Option(help: "Send this file instead of a generated one.") var file: String?
    @Option(help: "Where the peers keep their data (default: a new folder in /dev/shm or the temporary folder).") var dir: String?
    @Option(help: "Piece size in bytes.") var pieceSize = PeerLimits.defaultPieceSize
    @Option(name: .customLong("repeat"), help: "Downloads per case; the median is reported.") var repeats = 3
    @Option(help: "Write the results as JSON to this file.") var json: String?

    func validate() throws {
        guard (1...65_536).contains(self.sizeMib) else { throw ValidationError("--size-mib must be between 1 and 65536") }
        guard FileManifest.pieceSizes.contains(self.pieceSize) else { throw ValidationError("--piece-size must be between 1 KiB and 16 MiB") }
        guard (1...20).contains(self.repeats) else { throw ValidationError("--repeat must be between 1 and 20") }
    }

    func run() async throws {
        AllocatorTuning.keepPieceBuffersOnTheHeap()
        let base = self.dir ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        let directory = base + "/p2p-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = try self.file ?? Self.generate(directory + "/bench.bin", mebibytes: self.sizeMib)
        let pieceSize = self.pieceSize
        let repeats = self.repeats
        let report = try await BenchNetwork.with(directory: directory, peers: 3) { network in
            print("putting \(source) on p1 with 3 replicas...")
            fflush(nil)
            let put = try await BenchMeasure.run { try await network.client.upload(source, to: network.peers[0].address, replicas: 3, pieceSize: pieceSize) }
            let manifest = put.value.manifest
            var report = BenchReport(bytes: manifest.size, pieceSize: manifest.pieceSize, putSeconds: put.seconds)
            for count in [1, 3] {
                let sources = network.peers.prefix(count).map { DownloadSource(id: $0.id, address: $0.address.description) }
                var runs: [BenchMeasure.Sample] = []
                for run in 1...repeats {
                    let destination = directory + "/get-\(count)-\(run).bin"
                    let sample = try await BenchMeasure.run {
                        try await Downloader(manifest: manifest, destination: destination).run(sources: { sources })
                    }
                    try FileManager.default.removeItem(atPath: destination)
                    runs.append(BenchMeasure.Sample(seconds: sample.seconds, cpuSeconds: sample.cpuSeconds))
                    print("  \(count) source(s), run \(run): \(String(format: "%.0f", Double(manifest.size) / sample.seconds / 1e6)) MB/s")
                    fflush(nil)
                }
                report.rows.append(BenchReport.Row(sources: count, bytes: manifest.size, runs: runs))
            }
            return report
        }
        print(report.table)
        if let json = self.json { try report.json().write(to: URL(fileURLWithPath: json)) }
    }

    /// Writes `mebibytes` MiB of seeded pseudo-random bytes (incompressible) to `path`.
    static func generate(_ path: String, mebibytes: Int) throws -> String {
        print("generating \(mebibytes) MiB of random data in \(path)...")
        fflush(nil)
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var generator = SplitMix64(seed: 42)
        var chunk = Data(count: 1 << 20)
        for _ in 0..<mebibytes {
            chunk.withUnsafeMutableBytes { buffer in
                let words = buffer.bindMemory(to: UInt64.self)
                for index in words.indices { words[index] = generator.next() }
            }
            try handle.write(contentsOf: chunk)
        }
        return path
    }
}
