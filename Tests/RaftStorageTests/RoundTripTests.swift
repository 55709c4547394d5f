import Foundation
import LabTestSupport
import RaftCore
import RaftStorage
import Testing

/// What `persist` and `compact` store is what `load` returns, also after reopening.
@Suite struct RoundTripTests {
    static let identity = ClusterIdentity(clusterID: "test", nodeID: 1)
    static let members = Membership(voters: [1, 2, 3], learners: [4])

    static func command(_ index: LogIndex, term: Term, _ text: String) -> LogEntry {
        LogEntry(index: index, term: term, payload: .command(Data(text.utf8)))
    }

    @Test func emptyStorageLoadsTheEmptyState() throws {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.file("node"), identity: Self.identity)
        #expect(try storage.load() == .empty)
        #expect(storage.path == directory.file("node/raft.sqlite"))
    }

    @Test func hardStateEntriesOfEveryKindAndSnapshotSurviveReopening() throws {
        let directory = try TemporaryDirectory()
        let entries = [
            LogEntry(index: 1, term: 0, payload: .membership(Self.members)),
            LogEntry(index: 2, term: 1, payload: .noop),
            Self.command(3, term: 1, "set x 1"),
            LogEntry(index: 4, term: 1, payload: .command(Data())),
            LogEntry(index: 5, term: 2, payload: .command(Data((0...255).map(UInt8.init)))),
        ]
        let hardState = HardState(term: 2, vote: 3, commit: 4)
        let expected = PersistentState(hardState: hardState, entries: entries)
        do {
            let storage = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
            try storage.persist(RaftReady(hardState: hardState, entries: entries))
            #expect(try storage.load() == expected)
        }
        let reopened = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        #expect(try reopened.load() == expected)
    }

    @Test func hardStateWithoutVoteRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        try storage.persist(RaftReady(hardState: HardState(term: 5, vote: 2, commit: 0)))
        try storage.persist(RaftReady(hardState: HardState(term: 6, vote: nil, commit: 3)))
        #expect(try storage.load().hardState == HardState(term: 6, vote: nil, commit: 3))
    }

    @Test func newEntriesReplaceAConflictingSuffix() throws {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        try storage.persist(RaftReady(entries: (1...5).map { Self.command($0, term: 1, "old \($0)") }))
        try storage.persist(RaftReady(entries: [Self.command(3, term: 2, "new 3")]))
        let expected = [Self.command(1, term: 1, "old 1"), Self.command(2, term: 1, "old 2"), Self.command(3, term: 2, "new 3")]
        #expect(try storage.load().entries == expected)
    }

    @Test func installingASnapshotDropsAllEntries() throws {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        try storage.persist(RaftReady(entries: (1...5).map { Self.command($0, term: 1, "e\($0)") }))
        let snapshot = Snapshot(index: 3, term: 1, membership: Self.members, data: Data("state".utf8))
        try storage.persist(RaftReady(snapshot: snapshot))
        #expect(try storage.load() == PersistentState(snapshot: snapshot))

        let reopened = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        #expect(try reopened.load() == PersistentState(snapshot: snapshot))
    }

    @Test func compactionDropsThePrefixAndKeepsTheRest() throws {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        try storage.persist(RaftReady(entries: (1...5).map { Self.command($0, term: 1, "e\($0)") }))
        let snapshot = Snapshot(index: 3, term: 1, membership: Self.members, data: Data(repeating: 7, count: 100_000))
        try storage.compact(to: snapshot)
        let expected = PersistentState(snapshot: snapshot, entries: [Self.command(4, term: 1, "e4"), Self.command(5, term: 1, "e5")])
        #expect(try storage.load() == expected)

        let reopened = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        #expect(try reopened.load() == expected)
    }

    @Test func aReadyWithNothingToPersistChangesNothing() throws {
        let directory = try TemporaryDirectory()
        let storage = try RaftDiskStorage(directory: directory.path, identity: Self.identity)
        try storage.persist(RaftReady(hardState: HardState(term: 1, vote: 1, commit: 0)))
        try storage.persist(RaftReady(committedEntries: [Self.command(1, term: 1, "x")], readStates: [ReadState(requestID: 1, index: 1)]))
        #expect(try storage.load() == PersistentState(hardState: HardState(term: 1, vote: 1, commit: 0)))
    }
}
