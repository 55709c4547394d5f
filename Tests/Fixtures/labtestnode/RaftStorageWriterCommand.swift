import ArgumentParser
import Foundation
import LabRandom
import RaftCore
import RaftStorage

/// Persists seeded-random readies and compactions to a `RaftDiskStorage` in an endless loop, so that
/// a crash-safety test can SIGKILL it at any moment and check that the storage holds a prefix.
///
/// Before each operation it prints `state <JSON>`: the `PersistentState` the storage holds once the
/// operation is done (computed with `PersistentState.persist/compact`); after it, `persisted <n>`.
struct RaftStorageWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raft-storage-writer",
        abstract: "Persist random Raft readies to a data directory until killed.")

    @Option(help: "The node's data directory (created if missing).")
    var dir: String

    @Option(help: "The seed of the random readies.")
    var seed: UInt64

    func run() throws {
        let storage = try RaftDiskStorage(directory: dir, identity: ClusterIdentity(clusterID: "crash", nodeID: 1))
        var random = SplitMix64(seed: seed)
        var model = PersistentState.empty
        let encoder = JSONEncoder()
        for count in 1... {
            let lastIndex = model.entries.last?.index ?? model.snapshot?.index ?? 0
            let compaction = Int.random(in: 0..<10, using: &random) == 0 ? Self.snapshot(upTo: lastIndex, &random) : nil
            let ready = Self.ready(lastIndex: lastIndex, &random)
            if let compaction { model.compact(to: compaction) } else { model.persist(ready) }
            Self.print("state " + String(decoding: try encoder.encode(model), as: UTF8.self))
            if let compaction { try storage.compact(to: compaction) } else { try storage.persist(ready) }
            Self.print("persisted \(count)")
        }
    }

    /// A ready with a hard state and 1 to 16 entries, sometimes overwriting a suffix of the log,
    /// sometimes installing a snapshot first.
    static func ready(lastIndex: LogIndex, _ random: inout SplitMix64) -> RaftReady {
        var ready = RaftReady(hardState: HardState(
            term: .random(in: 1...100, using: &random), vote: .random(in: 1...5, using: &random), commit: lastIndex / 2))
        var first = LogIndex.random(in: lastIndex.saturatingMinus(3)...lastIndex, using: &random) + 1
        if Int.random(in: 0..<20, using: &random) == 0 {
            let installed = Self.snapshot(upTo: lastIndex + 5, &random)
            ready.snapshot = installed
            first = installed.index + 1
        }
        let count = UInt64.random(in: 1...16, using: &random)
        let term = Term.random(in: 1...100, using: &random)
        ready.entries = (first..<first + count).map { index in
            let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return LogEntry(index: index, term: term, payload: .command(Data(bytes)))
        }
        return ready
    }

    static func snapshot(upTo maxIndex: LogIndex, _ random: inout SplitMix64) -> Snapshot {
        let bytes = (0..<Int.random(in: 0...4_000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        return Snapshot(
            index: .random(in: 0...maxIndex, using: &random), term: .random(in: 1...100, using: &random),
            membership: Membership(voters: [1, 2, 3]), data: Data(bytes))
    }

    static func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

extension UInt64 {
    fileprivate func saturatingMinus(_ other: UInt64) -> UInt64 { self >= other ? self - other : 0 }
}
