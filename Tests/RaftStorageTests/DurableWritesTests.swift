import Foundation
import LabTestSupport
import RaftCore
import RaftStorage
import Testing

/// What reaches the disk: entries, snapshots, terms and votes at once; a commit index alone waits
/// for the next of those, and what is on disk still loads as a consistent (if older) commit index.
@Suite struct DurableWritesTests {
    static func entry(_ index: LogIndex, term: Term = 2) -> LogEntry {
        LogEntry(index: index, term: term, payload: .command(Data("e\(index)".utf8)))
    }

    @Test func aCommitIndexAloneWaitsForTheNextDurableWrite() {
        var writes = DurableWrites(persisted: HardState(term: 2, vote: 1, commit: 0))
        let first = writes.write(for: RaftReady(entries: [Self.entry(1)]))
        #expect(first == RaftReady(entries: [Self.entry(1)]))
        // Committing entry 1 changes only the commit index: nothing to write.
        #expect(writes.write(for: RaftReady(hardState: HardState(term: 2, vote: 1, commit: 1))) == nil)
        // The next entries carry it along.
        let second = writes.write(for: RaftReady(entries: [Self.entry(2)]))
        #expect(second == RaftReady(hardState: HardState(term: 2, vote: 1, commit: 1), entries: [Self.entry(2)]))
        // Written once only.
        #expect(writes.write(for: RaftReady(entries: [Self.entry(3)])) == RaftReady(entries: [Self.entry(3)]))
    }

    @Test func aNewTermOrVoteIsWrittenAtOnce() {
        var writes = DurableWrites(persisted: HardState(term: 2, vote: 1, commit: 5))
        #expect(writes.write(for: RaftReady(hardState: HardState(term: 3, vote: nil, commit: 5))) == RaftReady(hardState: HardState(term: 3, vote: nil, commit: 5)))
        #expect(writes.write(for: RaftReady(hardState: HardState(term: 3, vote: 2, commit: 5))) == RaftReady(hardState: HardState(term: 3, vote: 2, commit: 5)))
        #expect(writes.write(for: RaftReady(messages: [])) == nil)
    }

    @Test func aCompactionWritesTheLatestCommitIndex() {
        var writes = DurableWrites(persisted: HardState(term: 2, vote: 1, commit: 0))
        #expect(writes.write(for: RaftReady(hardState: HardState(term: 2, vote: 1, commit: 7))) == nil)
        #expect(writes.writeLatestHardState() == RaftReady(hardState: HardState(term: 2, vote: 1, commit: 7)))
        #expect(writes.writeLatestHardState() == nil)
    }

    @Test func theDiskHoldsAnOlderButConsistentCommitIndex() throws {
        let directory = try TemporaryDirectory()
        let identity = ClusterIdentity(clusterID: "durable", nodeID: 1)
        let storage = try RaftDiskStorage(directory: directory.path, identity: identity)
        var writes = DurableWrites(persisted: try storage.load().hardState)
        let readies = [
            RaftReady(hardState: HardState(term: 2, vote: 1, commit: 0), entries: [Self.entry(1), Self.entry(2)]),
            RaftReady(hardState: HardState(term: 2, vote: 1, commit: 2)),
            RaftReady(entries: [Self.entry(3)]),
            RaftReady(hardState: HardState(term: 2, vote: 1, commit: 3)),
        ]
        for ready in readies {
            if let write = writes.write(for: ready) { try storage.persist(write) }
        }
        let loaded = try RaftDiskStorage(directory: directory.path, identity: identity).load()
        #expect(loaded.hardState == HardState(term: 2, vote: 1, commit: 2))
        #expect(loaded.entries.map(\.index) == [1, 2, 3])
    }
}
