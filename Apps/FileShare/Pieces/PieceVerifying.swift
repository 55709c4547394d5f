import Foundation

/// Piece verification: whether bytes that arrived from an untrusted source are the piece the
/// manifest describes. `PieceVerifier` is the course's; the piece-picker exercise writes another,
/// and `FileShareSuite` grades any conformer through this interface alone.
public protocol PieceVerifying: Sendable {
    /// The verdict on `data` received as `piece` (in `0..<layout.pieceCount`) of a file laid out as
    /// `layout`, whose SHA-256 in the manifest is `expectedSHA256` (64 lowercase hex characters).
    static func verdict(of data: Data, piece: Int, layout: PieceLayout, expectedSHA256: String) -> PieceVerdict
}
