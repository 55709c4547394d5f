/// What verifying one piece found.
public enum PieceVerdict: Sendable, Equatable, CustomStringConvertible {
    /// The right length and the right SHA-256: the piece may be written and counted as received.
    case intact
    /// The bytes are not as long as the layout says the piece is.
    case wrongLength(expected: Int, got: Int)
    /// The right length, but the bytes' SHA-256 (lowercase hex) is not the manifest's.
    case hashMismatch(expected: String, got: String)

    public var description: String {
        switch self {
        case .intact: "intact"
        case .wrongLength(let expected, let got): "wrong length (expected \(expected) bytes, got \(got))"
        case .hashMismatch(let expected, let got): "hash mismatch (expected SHA-256 \(expected), got \(got))"
        }
    }
}
