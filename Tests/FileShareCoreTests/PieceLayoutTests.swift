import FileShareCore
import Testing

@Suite("Piece layout")
struct PieceLayoutTests {
    @Test func theLastPieceIsShorter() {
        let layout = PieceLayout(size: 2_500, pieceSize: 1_024)
        #expect(layout.pieceCount == 3)
        #expect(layout.range(of: 0) == 0..<1_024)
        #expect(layout.range(of: 1) == 1_024..<2_048)
        #expect(layout.range(of: 2) == 2_048..<2_500)
        #expect((0..<3).map(layout.length(of:)) == [1_024, 1_024, 452])
    }

    @Test func anEmptyFileHasNoPieces() {
        #expect(PieceLayout(size: 0, pieceSize: 1_024).pieceCount == 0)
    }

    @Test func anExactMultipleHasFullPieces() {
        let layout = PieceLayout(size: 4_096, pieceSize: 1_024)
        #expect(layout.pieceCount == 4)
        #expect(layout.range(of: 3) == 3_072..<4_096)
        #expect((0..<4).allSatisfy { layout.length(of: $0) == 1_024 })
    }

    @Test func offsetsBeyondFourGigabytesDoNotOverflow() {
        let size: Int64 = 5 << 30 + 1
        let layout = PieceLayout(size: size, pieceSize: 16 << 20)
        #expect(layout.pieceCount == 321)
        #expect(layout.range(of: 320) == (5 << 30)..<size)
        #expect(layout.length(of: 320) == 1)
    }

    @Test func aManifestKnowsItsLayout() {
        let hash = String(repeating: "ab", count: 32)
        let manifest = FileManifest(name: "a.bin", size: 3_000, pieceSize: 1_024, pieces: [hash, hash, hash])
        #expect(manifest.layout == PieceLayout(size: 3_000, pieceSize: 1_024))
        #expect(manifest.layout.pieceCount == manifest.pieces.count)
    }
}
