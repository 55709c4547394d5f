import FileSharePieces
import LabRandom

/// Your piece picker: which piece of a file to ask of which source, in a download from several
/// sources at once. The downloader (and the course's suite, which plays one) drives it through
/// `PieceSelecting`: it says which sources offer which pieces (`addSource`, `removeSource`), asks
/// `next(for:)` whenever a source has a free request slot, and reports every piece that arrived
/// and verified (`received`) or did not (`rejected`). It never touches the network: it only keeps
/// books and decides, so every decision can be tested.
///
/// The parts to write are marked `TODO(1-picking)`: the state below, then
/// `StudentPicker+Sources.swift`, `StudentPicker+Picking.swift` and `StudentPicker+Outcomes.swift`.
/// Step 2 is `StudentVerifier`; step 3 runs both in simulated downloads.
///
/// Everything must be deterministic: the same seed and the same calls give the same picks, so
/// never iterate over a `Set` or `Dictionary` to make a choice (their order changes from run to
/// run) and draw every random choice from `random`.
public struct StudentPicker: PieceSelecting {
    /// Pieces are numbered `0..<pieceCount`.
    let pieceCount: Int
    /// A source is banned at its `maxCorruptPieces`-th corrupt piece.
    let maxCorruptPieces: Int
    /// The pieces held: from the start (`have`), or received since.
    var held: Set<Int>
    /// The seeded generator for the order of equally rare pieces.
    var random: SplitMix64

    // TODO(1-picking): add the state you need (stored properties must be declared here, not in
    // the extensions). You will want to know, per source: the pieces it offers (nil: all of them),
    // the pieces in flight from it, the pieces it must never be asked for again (it sent them
    // corrupt or said it cannot send them) and how many corrupt pieces it sent; which sources are
    // banned (remembered even after a source is removed); and the tie-breaking order of the pieces.

    public init(pieceCount: Int, have: Set<Int>, seed: UInt64, maxCorruptPieces: Int) {
        self.pieceCount = pieceCount
        self.maxCorruptPieces = maxCorruptPieces
        self.held = have
        self.random = SplitMix64(seed: seed)
        // TODO(1-picking): draw the tie-breaking order here, once: for example
        // `(0..<pieceCount).shuffled(using: &self.random)`, where a piece earlier in that list wins a
        // tie. A random order (not 0, 1, 2, …) is what spreads the pieces: peers that start at the
        // same time do not all fetch (and then offer) the same pieces first.
    }

    // MARK: Progress (given)

    public func isHeld(_ piece: Int) -> Bool { self.held.contains(piece) }

    public var isComplete: Bool { self.held.count == self.pieceCount }

    public var missing: Int { self.pieceCount - self.held.count }
}
