import FileShareCore
import FileSharePeer
import Foundation
import LabTestSupport
import Synchronization
import Testing

/// Multi-source transfer between real peer processes: byte-identical results, a source killed
/// mid-download, a peer serving corrupt pieces, a resumed download.
@Suite(.serialized)
struct TransferTests {
    static let fileBytes = 50 << 20

    @Test func aFiftyMiBFileIsFetchedFromThreeSourcesByteForByte() async throws {
        try await P2PNetwork.with(name: "p2p-three-sources", replicas: 3) { network in
            let original = try network.makeFile("big.bin", bytes: Self.fileBytes, seed: 1)
            let upload = try await network.client.upload(original, to: try network.address(of: "p1"), replicas: 3)
            #expect(upload.holders.count == 3)
            #expect(upload.warning == nil)
            #expect(upload.manifest.pieces.count == 50)

            let copy = network.topology.folder.file("copy.bin")
            let report = try await network.client.download(upload.manifest, to: copy)
            #expect(report.piecesBySource.count == 3, "pieces by source: \(report.piecesBySource)")
            #expect(report.piecesBySource.values.reduce(0, +) == 50)
            #expect(FileManager.default.contentsEqual(atPath: original, andPath: copy))
            #expect(!FileManager.default.fileExists(atPath: copy + ".part"))
        }
    }

    @Test func aSourceKilledMidDownloadDoesNotStopIt() async throws {
        try await P2PNetwork.with(name: "p2p-source-killed", replicas: 3) { network in
            let original = try network.makeFile("big.bin", bytes: Self.fileBytes, seed: 2)
            let upload = try await network.client.upload(original, to: try network.address(of: "p1"), replicas: 3)
            let holders = upload.holders
            let victim = try #require(holders.last)
            let victimPID = try #require(try network.topology.node(victim).pid)
            let killed = Atomic(false)

            let copy = network.topology.folder.file("copy.bin")
            let report = try await network.client.download(upload.manifest, to: copy) { progress in
                if progress.piecesDone >= 5, !killed.exchange(true, ordering: .relaxed) { kill(victimPID, SIGKILL) }
            }
            let wasKilled = killed.load(ordering: .relaxed)
            #expect(wasKilled)
            #expect(report.failedSources[victim] != nil, "the killed source \(victim) should have failed: \(report.failedSources)")
            #expect(FileManager.default.contentsEqual(atPath: original, andPath: copy))
        }
    }

    @Test func aCorruptPieceIsDetectedAndFetchedFromAnotherPeer() async throws {
        try await P2PNetwork.with(name: "p2p-corrupt", replicas: 3) { network in
            let original = try network.makeFile("big.bin", bytes: 8 << 20, seed: 3)
            let upload = try await network.client.upload(original, to: try network.address(of: "p1"), replicas: 3)
            let liar = try #require(upload.holders.last)
            // Flip one byte in every piece the liar stores: whatever it sends is corrupt.
            let stored = try FileHandle(forUpdating: URL(fileURLWithPath: network.storedFile(upload.manifest.id, on: liar)))
            for index in 0..<upload.manifest.pieces.count {
                try stored.seek(toOffset: UInt64(index * upload.manifest.pieceSize + 100))
                let byte = try #require(try stored.read(upToCount: 1))
                try stored.seek(toOffset: UInt64(index * upload.manifest.pieceSize + 100))
                try stored.write(contentsOf: Data([byte[0] ^ 0xff]))
            }
            try stored.close()

            let copy = network.topology.folder.file("copy.bin")
            let report = try await network.client.download(upload.manifest, to: copy)
            #expect((report.corruptBySource[liar] ?? 0) >= 1, "corrupt pieces by source: \(report.corruptBySource)")
            #expect(report.piecesBySource[liar] == nil, "no piece from \(liar) may be kept")
            #expect(FileManager.default.contentsEqual(atPath: original, andPath: copy))
        }
    }

    @Test func anInterruptedDownloadResumesFromThePiecesThatVerify() async throws {
        try await P2PNetwork.with(name: "p2p-resume", peers: 2) { network in
            let original = try network.makeFile("big.bin", bytes: 8 << 20, seed: 4)
            let upload = try await network.client.upload(original, to: try network.address(of: "p1"))
            let copy = network.topology.folder.file("copy.bin")
            // A .part file holding the first half of the file, as an interrupted download leaves it.
            let half = try Data(contentsOf: URL(fileURLWithPath: original)).prefix(4 << 20)
            try half.write(to: URL(fileURLWithPath: copy + ".part"))

            let report = try await network.client.download(upload.manifest, to: copy)
            #expect(report.resumedPieces == 4)
            #expect(report.piecesBySource.values.reduce(0, +) == 4)
            #expect(FileManager.default.contentsEqual(atPath: original, andPath: copy))
        }
    }
}

/// Optional zlib on the wire: text travels compressed, random bytes travel as they are (the
/// peer stops trying after the first piece that does not shrink), and both arrive intact.
@Suite(.serialized)
struct CompressionTests {
    @Test func compressiblePiecesTravelCompressedAndRandomOnesDoNot() async throws {
        try await P2PNetwork.with(name: "p2p-compression", peers: 2) { network in
            let text = network.topology.folder.file("notes.txt")
            try Data(String(repeating: "a distributed system is one in which a computer you did not know existed ", count: 60_000).utf8)
                .write(to: URL(fileURLWithPath: text))
            let random = try network.makeFile("random.bin", bytes: 4 << 20, seed: 11)
            for (path, compressible) in [(text, true), (random, false)] {
                let upload = try await network.client.upload(path, to: try network.address(of: "p1"))
                let copy = network.topology.folder.file("copy-\(compressible)")
                let report = try await network.client.download(upload.manifest, to: copy, compressed: true)
                #expect(FileManager.default.contentsEqual(atPath: path, andPath: copy))
                #expect(report.pieceBytes == upload.manifest.size)
                if compressible {
                    #expect(report.wireBytes * 10 < report.pieceBytes, "text: \(report.wireBytes) bytes on the wire for \(report.pieceBytes)")
                } else {
                    #expect(report.wireBytes == report.pieceBytes, "random: \(report.wireBytes) bytes on the wire for \(report.pieceBytes)")
                }
            }
        }
    }
}
