import FileSharePieces

/// A picker under test as the checks drive it: every piece `next(for:)` hands out is checked to be
/// a piece of the file before the suite uses it, and no loop over its answers can run forever.
struct PickerUnderTest {
    var picker: any PieceSelecting
    let pieceCount: Int

    init(_ type: any PieceSelecting.Type, pieceCount: Int, have: Set<Int> = [], seed: UInt64, maxCorruptPieces: Int = 3) {
        self.picker = type.init(pieceCount: pieceCount, have: have, seed: seed, maxCorruptPieces: maxCorruptPieces)
        self.pieceCount = pieceCount
    }

    /// `next(for: source)`, failing when it is not a piece of the file.
    mutating func next(for source: String) throws(CheckFailure) -> Int? {
        let piece = self.picker.next(for: source)
        if let piece, !(0..<self.pieceCount).contains(piece) {
            throw CheckFailure(message: "next(for: \"\(source)\") returned \(piece), which is not a piece of this \(self.pieceCount)-piece file")
        }
        return piece
    }

    /// `next(for: source)`, failing when it gives no piece.
    mutating func take(for source: String, _ why: @autoclosure () -> String) throws(CheckFailure) -> Int {
        guard let piece = try self.next(for: source) else {
            throw CheckFailure(message: "next(for: \"\(source)\") returned nil; expected a piece (\(why()))")
        }
        return piece
    }

    /// Every piece `next(for: source)` hands out until it returns nil, nothing arriving meanwhile;
    /// fails when it hands out a piece twice (already in flight from `source`).
    mutating func drain(for source: String) throws(CheckFailure) -> [Int] {
        var picks: [Int] = []
        while let piece = try self.next(for: source) {
            guard !picks.contains(piece) else {
                throw CheckFailure(message: "next(for: \"\(source)\") handed out piece \(piece) twice (picks so far: \(show(picks))); a piece in flight from a source is not asked of it again")
            }
            picks.append(piece)
        }
        return picks
    }
}
