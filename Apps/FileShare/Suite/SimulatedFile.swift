import FileSharePieces
import Foundation
import LabRandom

/// A file of random bytes for the checks, with its layout and the SHA-256 of every piece, as its
/// manifest would list them. Its last piece is shorter than the others.
struct SimulatedFile {
    let layout: PieceLayout
    let hashes: [String]
    private let bytes: Data

    /// A file of `pieceCount` pieces of `pieceSize` bytes (at least 2), the last one shorter.
    init(pieceCount: Int, pieceSize: Int, using random: inout SplitMix64) {
        let lastLength = Int.random(in: 1..<pieceSize, using: &random)
        let size = (pieceCount - 1) * pieceSize + lastLength
        self.bytes = Data((0..<size).map { _ in UInt8.random(in: .min ... .max, using: &random) })
        self.layout = PieceLayout(size: Int64(size), pieceSize: pieceSize)
        var hashes: [String] = []
        for piece in 0..<pieceCount { hashes.append(Hex.sha256(of: self.bytes[Self.offsets(of: piece, in: self.layout)])) }
        self.hashes = hashes
    }

    var pieceCount: Int { self.layout.pieceCount }

    /// The true bytes of `piece`.
    func piece(_ piece: Int) -> Data { Data(self.bytes[Self.offsets(of: piece, in: self.layout)]) }

    private static func offsets(of piece: Int, in layout: PieceLayout) -> Range<Int> {
        let range = layout.range(of: piece)
        return Int(range.lowerBound)..<Int(range.upperBound)
    }
}
