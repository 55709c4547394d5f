import FileSharePieces
import Foundation
import LabRandom

/// Step 2: the verdict on bytes received as a piece.
extension PieceCheck {
    static let verification: [PieceCheck] = [
        verificationCheck("intact-pieces", "Every piece of a file, the shorter last one included, is intact.") { verify, file, _ throws(CheckFailure) in
            for piece in 0..<file.pieceCount {
                try verify(file.piece(piece), piece, .intact, "its true bytes")
            }
        },

        verificationCheck("short-piece", "A piece missing bytes has the wrong length.") { verify, file, random throws(CheckFailure) in
            let piece = Int.random(in: 0..<file.pieceCount - 1, using: &random)
            let size = file.layout.pieceSize
            let cut = Int.random(in: 1..<size, using: &random)
            try verify(file.piece(piece).dropLast(cut), piece, .wrongLength(expected: size, got: size - cut), "its bytes but the last \(cut)")
            try verify(Data(), piece, .wrongLength(expected: size, got: 0), "no bytes at all")
        },

        verificationCheck("long-piece", "A piece with bytes too many has the wrong length.") { verify, file, random throws(CheckFailure) in
            let piece = Int.random(in: 0..<file.pieceCount - 1, using: &random)
            let size = file.layout.pieceSize
            let extra = Data((0..<Int.random(in: 1...size, using: &random)).map { _ in UInt8.random(in: .min ... .max, using: &random) })
            try verify(file.piece(piece) + extra, piece, .wrongLength(expected: size, got: size + extra.count), "its bytes and \(extra.count) more")
        },

        verificationCheck("last-piece-shorter", "The last piece is as long as the layout says, not a full piece.") { verify, file, _ throws(CheckFailure) in
            let last = file.pieceCount - 1
            let length = file.layout.length(of: last)
            let padded = file.piece(last) + Data(count: file.layout.pieceSize - length)
            try verify(file.piece(last), last, .intact, "its true bytes")
            try verify(padded, last, .wrongLength(expected: length, got: file.layout.pieceSize), "its bytes padded with zeros to a full piece")
        },

        verificationCheck("flipped-bit", "A piece of the right length with one bit flipped is a hash mismatch naming both hashes.") { verify, file, random throws(CheckFailure) in
            let piece = Int.random(in: 0..<file.pieceCount, using: &random)
            let damaged = Corruption.flippedBit.apply(to: file.piece(piece), using: &random)
            try verify(damaged, piece, .hashMismatch(expected: file.hashes[piece], got: Hex.sha256(of: damaged)), "its bytes with one bit flipped")
        },

        verificationCheck("another-pieces-bytes", "Another piece's bytes, of the right length, are a hash mismatch.") { verify, file, random throws(CheckFailure) in
            let pieces = (0..<file.pieceCount - 1).shuffled(using: &random)
            let (piece, other) = (pieces[0], pieces[1])
            try verify(file.piece(other), piece, .hashMismatch(expected: file.hashes[piece], got: file.hashes[other]), "the bytes of piece \(other)")
        },
    ]

    /// Checks one verdict: `data` received as `piece`, described as `what`, must get `expected`.
    typealias VerifyOne = (_ data: Data, _ piece: Int, _ expected: PieceVerdict, _ what: String) throws(CheckFailure) -> Void

    /// A step-2 check on a random file of 3 to 8 pieces of 16 to 64 bytes, the last one shorter.
    private static func verificationCheck(
        _ name: String, _ summary: String,
        _ body: @escaping @Sendable (_ verify: VerifyOne, _ file: SimulatedFile, _ random: inout SplitMix64) throws(CheckFailure) -> Void
    ) -> PieceCheck {
        PieceCheck(step: .verification, name: name, summary: summary) { subjects, seed throws(CheckFailure) in
            var random = SplitMix64(seed: seed)
            let file = SimulatedFile(pieceCount: Int.random(in: 3...8, using: &random), pieceSize: Int.random(in: 16...64, using: &random), using: &random)
            let layout = file.layout
            func verify(_ data: Data, _ piece: Int, _ expected: PieceVerdict, _ what: String) throws(CheckFailure) {
                let verdict = subjects.verifier.verdict(of: data, piece: piece, layout: layout, expectedSHA256: file.hashes[piece])
                try expect(verdict, equals: expected, "verdict on piece \(piece) of a \(layout.size)-byte file in \(layout.pieceSize)-byte pieces, given \(what) (\(data.count) bytes)")
            }
            try body(verify, file, &random)
        }
    }
}
