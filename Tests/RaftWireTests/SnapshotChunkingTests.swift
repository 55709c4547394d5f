import Foundation
import LabProto
import RaftCore
import RaftWire
import Testing

/// Snapshots split into chunks and put back together, with restarts, ordering and size checks.
@Suite struct SnapshotChunkingTests {
    @Test(arguments: [(0, 1), (100, 1), (4096, 4), (4097, 5), (1000, 1024), (1 << 20, 7)])
    func chunksReassemble(bytes: Int, chunkSize: Int) throws {
        let message = WireFixtures.snapshotMessage(bytes: bytes)
        let chunks = SnapshotChunker(chunkSize: chunkSize).encode(message)
        #expect(chunks.count == max(1, (bytes + chunkSize - 1) / chunkSize))
        #expect(chunks.map(\.snapshotChunk.last) == Array(repeating: false, count: chunks.count - 1) + [true])
        #expect(chunks.allSatisfy { $0.snapshotChunk.data.count <= chunkSize })
        var assembler = SnapshotAssembler()
        for chunk in chunks.dropLast() {
            #expect(try assembler.add(WireFixtures.overTheWire(chunk)) == nil)
            #expect(assembler.inProgress == LogPosition(index: 100, term: 5))
        }
        #expect(try assembler.add(chunks.last!) == message)
        #expect(assembler.inProgress == nil)
    }

    @Test func defaultChunkSizeSplitsLargeSnapshots() throws {
        let message = WireFixtures.snapshotMessage(bytes: 2 * SnapshotChunker.defaultChunkSize + 1)
        let chunks = RaftWireCodec.encode([WireFixtures.messages[0], message, WireFixtures.messages[9]])
        #expect(chunks.count == 5)
        var assembler = SnapshotAssembler()
        let decoded = try chunks.compactMap { chunk throws(RaftWireError) in try assembler.add(chunk) }
        #expect(decoded == [WireFixtures.messages[0], message, WireFixtures.messages[9]])
    }

    @Test func otherMessagesPassThroughDuringAssembly() throws {
        let snapshot = WireFixtures.snapshotMessage(bytes: 30)
        let chunks = SnapshotChunker(chunkSize: 10).encode(snapshot)
        var assembler = SnapshotAssembler()
        #expect(try assembler.add(chunks[0]) == nil)
        #expect(try assembler.add(WireFixtures.messages[2].proto) == WireFixtures.messages[2])
        #expect(try assembler.add(chunks[1]) == nil)
        #expect(try assembler.add(chunks[2]) == snapshot)
    }

    @Test func newSnapshotRestartsAssembly() throws {
        let old = SnapshotChunker(chunkSize: 10).encode(WireFixtures.snapshotMessage(bytes: 30, index: 100))
        let new = WireFixtures.snapshotMessage(bytes: 25, index: 120, term: 6)
        let newChunks = SnapshotChunker(chunkSize: 10).encode(new)
        var assembler = SnapshotAssembler()
        #expect(try assembler.add(old[0]) == nil)
        #expect(try assembler.add(old[1]) == nil)
        #expect(try assembler.add(newChunks[0]) == nil)
        #expect(assembler.inProgress == LogPosition(index: 120, term: 6))
        #expect(try assembler.add(newChunks[1]) == nil)
        #expect(try assembler.add(newChunks[2]) == new)
    }

    @Test func resentFirstChunkRestartsTheSameSnapshot() throws {
        let message = WireFixtures.snapshotMessage(bytes: 30)
        let chunks = SnapshotChunker(chunkSize: 10).encode(message)
        var assembler = SnapshotAssembler()
        #expect(try chunks.prefix(2).compactMap { chunk throws(RaftWireError) in try assembler.add(chunk) }.isEmpty)
        #expect(try chunks.compactMap { chunk throws(RaftWireError) in try assembler.add(chunk) } == [message])
    }

    @Test func outOfOrderChunkIsAnErrorAndResets() throws {
        let message = WireFixtures.snapshotMessage(bytes: 6144)
        let chunks = SnapshotChunker(chunkSize: 2048).encode(message)
        var assembler = SnapshotAssembler()
        #expect(try assembler.add(chunks[0]) == nil)
        let error = #expect(throws: RaftWireError.self) { try assembler.add(chunks[2]) }
        #expect(error == .chunkOutOfOrder(snapshot: LogPosition(index: 100, term: 5), offset: 4096, expected: 2048))
        #expect(error?.description.hasPrefix("snapshot chunk offset 4096 does not follow 2048") == true)
        #expect(assembler.inProgress == nil)
        // A chunk in the middle of a snapshot the assembler never started is out of order too.
        #expect(throws: RaftWireError.chunkOutOfOrder(snapshot: LogPosition(index: 100, term: 5), offset: 2048, expected: 0)) {
            try assembler.add(chunks[1])
        }
    }

    @Test func sizeLimitIsEnforced() throws {
        let chunks = SnapshotChunker(chunkSize: 40).encode(WireFixtures.snapshotMessage(bytes: 120))
        var assembler = SnapshotAssembler(sizeLimit: 100)
        #expect(try assembler.add(chunks[0]) == nil)
        #expect(try assembler.add(chunks[1]) == nil)
        #expect(throws: RaftWireError.snapshotTooLarge(snapshot: LogPosition(index: 100, term: 5), size: 120, limit: 100)) {
            try assembler.add(chunks[2])
        }
        #expect(assembler.inProgress == nil)
        var exact = SnapshotAssembler(sizeLimit: 120)
        #expect(try chunks.compactMap { chunk throws(RaftWireError) in try exact.add(chunk) }.count == 1)
    }

    @Test func firstChunkNeedsAMembership() {
        var chunk = SnapshotChunker().encode(WireFixtures.snapshotMessage(bytes: 3))[0]
        chunk.snapshotChunk.clearMembership()
        var assembler = SnapshotAssembler()
        #expect(throws: RaftWireError.missingField("snapshot_chunk.membership")) { try assembler.add(chunk) }
    }
}
