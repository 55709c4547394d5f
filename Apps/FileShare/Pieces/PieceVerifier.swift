import Foundation

/// The course's piece verification, used by every peer: the length first (cheap, and it names the
/// usual mistakes — a truncated piece, a last piece read as a full one), then the SHA-256.
public enum PieceVerifier: PieceVerifying {
    public static func verdict(of data: Data, piece: Int, layout: PieceLayout, expectedSHA256: String) -> PieceVerdict {
        let length = layout.length(of: piece)
        guard data.count == length else { return .wrongLength(expected: length, got: data.count) }
        let actual = Hex.sha256(of: data)
        return actual == expectedSHA256 ? .intact : .hashMismatch(expected: expectedSHA256, got: actual)
    }
}
