import FileSharePieces

/// The setting of a simulated download from several sources: the file, the sources (some may leave,
/// some may lie), what is held from the start, and the limits. `DownloadRun` plays it.
struct DownloadSimulation {
    /// One simulated peer.
    struct Source {
        var id: String
        /// The pieces it offers; nil for every piece.
        var pieces: Set<Int>?
        /// The chance that it damages a piece it sends.
        var corruptChance = 0.0
        /// The round at whose start its connection ends, if it does.
        var leavesAtRound: Int?

        func offers(_ piece: Int) -> Bool { self.pieces?.contains(piece) ?? true }
    }

    /// How a run ended.
    enum Ending: Equatable {
        /// Every piece arrived intact by the end of round `rounds`.
        case complete(rounds: Int)
        /// In `round` no source had a request in flight while pieces were still missing.
        case stalled(round: Int)
    }

    var file: SimulatedFile
    var sources: [Source]
    var have: Set<Int> = []
    var maxCorruptPieces = 3
    /// Requests in flight per source, as the downloader's window.
    var window = 4
    /// A run that has neither completed nor stalled after this many rounds fails.
    var maxRounds: Int
    /// Judges the pieces that arrive; nil when the simulation's own knowledge does (checks of the
    /// picker alone).
    var verifier: (any PieceVerifying.Type)?
}
