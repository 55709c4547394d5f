import Foundation

extension FileManifest {
    /// How the manifest's file splits into pieces; `pieces` has one hash per piece of it once the
    /// manifest is valid (see `validate(at:)`).
    public var layout: PieceLayout { PieceLayout(size: self.size, pieceSize: self.pieceSize) }

    /// Whether `data` is piece `piece` (in `0..<pieces.count`) of this file, by `verifier` (the
    /// reference `PieceVerifier` unless told): the length the layout gives it and the SHA-256 the
    /// manifest lists.
    public func verdict(of data: Data, piece: Int, by verifier: any PieceVerifying.Type = PieceVerifier.self) -> PieceVerdict {
        verifier.verdict(of: data, piece: piece, layout: self.layout, expectedSHA256: self.pieces[piece])
    }
}
