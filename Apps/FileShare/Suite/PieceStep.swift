/// The steps of the piece-picker exercise, in the order a student takes them.
public enum PieceStep: String, CaseIterable, Sendable {
    /// Which piece to ask of which source: rarest first, seeded ties, endgame, sources that come,
    /// go, fail and lie.
    case picking = "1-picking"
    /// Whether bytes that arrived are the piece the manifest describes.
    case verification = "2-verification"
    /// Both together in simulated downloads from several sources, some of them lying.
    case download = "3-download"
}
