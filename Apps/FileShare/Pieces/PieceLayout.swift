/// Where each piece of a file lies: pieces of `pieceSize` bytes from offset 0, the last one shorter
/// when the size is not a multiple of the piece size.
public struct PieceLayout: Sendable, Equatable {
    /// Size of the file in bytes.
    public let size: Int64
    /// Bytes per piece (all but the last).
    public let pieceSize: Int
    /// Number of pieces: 0 for an empty file.
    public let pieceCount: Int

    /// The layout of a file of `size` bytes (at least 0) cut into pieces of `pieceSize` bytes (at least 1).
    public init(size: Int64, pieceSize: Int) {
        precondition(size >= 0, "a file cannot be \(size) bytes long")
        precondition(pieceSize >= 1, "a piece cannot be \(pieceSize) bytes long")
        self.size = size
        self.pieceSize = pieceSize
        self.pieceCount = Int((size + Int64(pieceSize) - 1) / Int64(pieceSize))
    }

    /// The bytes of `piece` (in `0..<pieceCount`) within the file.
    public func range(of piece: Int) -> Range<Int64> {
        precondition((0..<self.pieceCount).contains(piece), "piece \(piece) is outside 0..<\(self.pieceCount)")
        let start = Int64(piece) * Int64(self.pieceSize)
        return start..<min(start + Int64(self.pieceSize), self.size)
    }

    /// The length in bytes of `piece` (in `0..<pieceCount`): `pieceSize`, or less for the last one.
    public func length(of piece: Int) -> Int {
        let range = self.range(of: piece)
        return Int(range.upperBound - range.lowerBound)
    }
}
