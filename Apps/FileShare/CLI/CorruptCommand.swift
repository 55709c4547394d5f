import ArgumentParser
import FileShareCore
import Foundation

/// `p2p corrupt`: a fault injector for the lab — flips one byte in pieces of every file a peer
/// stores, to watch downloaders reject them and the peer's scrubber repair them.
struct CorruptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corrupt",
        abstract: "Flip one byte in the first --pieces pieces of every file a peer holds (a fault to inject, for the lab).",
        discussion: """
            Works on a peer's --data folder directly, as bit rot would, while the peer runs. Downloaders reject the bad pieces (and count them against the peer); the peer's scrubber (--scrub-interval) finds them and fetches them again from the other holders.

            Example:
              p2p corrupt --data .lab/four-peers/nodes/p2/data
            """
    )

    @Option(help: "The peer's --data folder.") var data: String
    @Option(help: "How many pieces of each file to damage.") var pieces = 2

    func run() throws {
        let files = self.data + "/files"
        var damaged = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: files) where name.hasSuffix(".json") {
            let manifest = try TrackerAPI.decoder.decode(FileManifest.self, from: Data(contentsOf: URL(fileURLWithPath: "\(files)/\(name)")))
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: "\(files)/\(manifest.id).data"))
            defer { try? handle.close() }
            for index in 0..<min(self.pieces, manifest.pieces.count) {
                let offset = UInt64(manifest.layout.range(of: index).lowerBound)
                try handle.seek(toOffset: offset)
                guard let byte = try handle.read(upToCount: 1)?.first else { continue }
                try handle.seek(toOffset: offset)
                try handle.write(contentsOf: Data([byte ^ 0xff]))
                damaged += 1
            }
        }
        print("p2p corrupt: damaged \(damaged) piece(s) in \(self.data)")
    }
}
