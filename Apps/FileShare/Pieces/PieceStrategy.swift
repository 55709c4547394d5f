/// Which piece picker and which piece verification a download uses: the course's by default
/// (`.reference`), or a student's from the piece-picker exercise, run inside real `p2p` processes
/// (labs/p2p/exercises/piece-picker/Run).
public struct PieceStrategy: Sendable {
    /// The picker type: one is built per download.
    public var picker: any PieceSelecting.Type
    /// The verification every received piece goes through before it is written.
    public var verifier: any PieceVerifying.Type

    public init(picker: any PieceSelecting.Type, verifier: any PieceVerifying.Type) {
        self.picker = picker
        self.verifier = verifier
    }

    /// The course's `PiecePicker` and `PieceVerifier`.
    public static let reference = PieceStrategy(picker: PiecePicker.self, verifier: PieceVerifier.self)
}
