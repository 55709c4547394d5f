/// Why a piece requested from a source did not arrive from it, as the downloader tells the picker.
public enum PieceRejection: Sendable, Equatable {
    /// The bytes arrived but failed verification; counts toward banning the source.
    case corrupt
    /// The source does not have the piece after all, or failed to send it; not held against it.
    case unavailable
}
