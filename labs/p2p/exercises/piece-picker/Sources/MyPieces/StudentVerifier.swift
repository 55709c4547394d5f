import FileSharePieces
import Foundation

/// Your piece verification: whether bytes that arrived from a source you do not trust are the
/// piece the manifest describes. A downloader writes a piece and counts it as received only when
/// its verdict is `.intact`; anything else is `rejected(…, reason: .corrupt)`.
public enum StudentVerifier: PieceVerifying {
    /// The verdict on `data`, received as `piece` (in `0..<layout.pieceCount`) of a file laid out
    /// as `layout`, whose SHA-256 in the manifest is `expectedSHA256` (64 lowercase hex characters).
    ///
    /// TODO(2-verification): first the length: `layout.length(of: piece)` bytes — every piece is
    /// `layout.pieceSize` long except the last, which may be shorter. If it differs, return
    /// `.wrongLength(expected:got:)` (checking the length first is cheap and names the usual bugs:
    /// a truncated piece, a last piece read as a full one). Then the hash: `Hex.sha256(of: data)`
    /// gives the lowercase hex SHA-256; if it is not `expectedSHA256`, return
    /// `.hashMismatch(expected: expectedSHA256, got:)` with the hash you computed. Otherwise `.intact`.
    ///
    /// Until then every piece is refused, which is safe but never finishes a download.
    public static func verdict(of data: Data, piece: Int, layout: PieceLayout, expectedSHA256: String) -> PieceVerdict {
        .hashMismatch(expected: expectedSHA256, got: "not computed yet")
    }
}
