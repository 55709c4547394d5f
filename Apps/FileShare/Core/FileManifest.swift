import Foundation

/// A file as a peer announces it: its name, size, piece size and the SHA-256 of every piece.
public struct FileManifest: Codable, Equatable, Sendable {
    /// The file's name, one path component (see `NameRule`).
    public var name: String
    /// Size in bytes.
    public var size: Int64
    /// Bytes per piece; the last piece may be shorter.
    public var pieceSize: Int
    /// Lowercase hex SHA-256 of each piece, in order.
    public var pieces: [String]
    /// The id the announcer claims; must equal `derivedID`.
    public var id: String

    /// Creates a manifest; `id` defaults to the derived one.
    public init(name: String, size: Int64, pieceSize: Int, pieces: [String], id: String? = nil) {
        self.name = name
        self.size = size
        self.pieceSize = pieceSize
        self.pieces = pieces
        self.id = id ?? Self.derivedID(name: name, size: size, pieceSize: pieceSize, pieces: pieces)
    }

    /// The smallest and largest piece sizes accepted.
    public static let pieceSizes = 1_024...(16 << 20)

    /// The file id: lowercase hex SHA-256 of `name`, `size`, `pieceSize` and the piece hashes,
    /// each followed by a newline.
    public static func derivedID(name: String, size: Int64, pieceSize: Int, pieces: [String]) -> String {
        let text = ([name, String(size), String(pieceSize)] + pieces).map { $0 + "\n" }.joined()
        return Hex.sha256(of: Data(text.utf8))
    }

    /// Checks every field; `path` (e.g. `files[2]`) prefixes the field names in the error.
    public func validate(at path: String) throws(TrackerError) {
        if let problem = NameRule.problem(with: self.name) {
            throw .invalidField(field: "\(path).name", problem: problem)
        }
        guard self.size >= 0 else { throw .invalidField(field: "\(path).size", problem: "is negative") }
        guard Self.pieceSizes.contains(self.pieceSize) else {
            throw .invalidField(field: "\(path).pieceSize", problem: "is not between \(Self.pieceSizes.lowerBound) and \(Self.pieceSizes.upperBound)")
        }
        let expectedPieces = (self.size + Int64(self.pieceSize) - 1) / Int64(self.pieceSize)
        guard self.pieces.count == expectedPieces else {
            throw .invalidField(field: "\(path).pieces", problem: "has \(self.pieces.count) hashes but size/pieceSize needs \(expectedPieces)")
        }
        for (index, piece) in self.pieces.enumerated() where !Hex.isSHA256(piece) {
            throw .invalidField(field: "\(path).pieces[\(index)]", problem: "is not 64 lowercase hex characters")
        }
        let expected = Self.derivedID(name: self.name, size: self.size, pieceSize: self.pieceSize, pieces: self.pieces)
        guard self.id == expected else { throw .fileIDMismatch(field: "\(path).id", expected: expected) }
    }
}
