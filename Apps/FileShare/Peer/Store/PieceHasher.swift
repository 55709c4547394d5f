import Crypto
import FileShareCore
import Foundation

/// Cuts a stream of bytes into pieces of `pieceSize` and hashes each one, so that a manifest can
/// be built while a file is being written.
struct PieceHasher {
    let pieceSize: Int
    private var current = SHA256()
    private var filled = 0
    private(set) var hashes: [String] = []
    private(set) var size: Int64 = 0

    init(pieceSize: Int) {
        self.pieceSize = pieceSize
    }

    /// Adds the next bytes of the file.
    mutating func update(_ bytes: Data) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let take = min(self.pieceSize - self.filled, rest.count)
            self.current.update(data: rest.prefix(take))
            self.filled += take
            self.size += Int64(take)
            rest = rest.dropFirst(take)
            if self.filled == self.pieceSize { self.closePiece() }
        }
    }

    /// The hashes of every piece, the last (short) one included.
    mutating func finish() -> [String] {
        if self.filled > 0 { self.closePiece() }
        return self.hashes
    }

    private mutating func closePiece() {
        self.hashes.append(Hex.encode(self.current.finalize()))
        self.current = SHA256()
        self.filled = 0
    }
}
