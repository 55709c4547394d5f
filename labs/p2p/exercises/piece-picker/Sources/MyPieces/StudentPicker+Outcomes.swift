import FileSharePieces

extension StudentPicker {
    /// `piece` arrived from `source` and verified. Returns the other sources it was still in flight
    /// from, sorted: in the endgame the same piece was asked of several sources, and the downloader
    /// cancels the duplicates. [] when the piece was already held (a late duplicate is harmless).
    ///
    /// TODO(1-picking): mark it held (`held`), take it out of every source's requests, and return
    /// the sources other than `source` that had it in flight.
    public mutating func received(_ piece: Int, from source: String) -> [String] {
        []
    }

    /// `piece` will not come from `source`: with `.corrupt` the bytes arrived but failed
    /// verification; with `.unavailable` the source said it does not have it. Either way the
    /// request is over and `source` is never asked for `piece` again, so the piece goes to
    /// another source. The piece may not even have been requested from `source`.
    ///
    /// TODO(1-picking): only `.corrupt` counts toward the ban (a peer that lacks a piece is not
    /// lying). At the `maxCorruptPieces`-th corrupt piece, ban `source`: it is never asked again,
    /// no longer counts as offering anything, and its other pieces in flight become pending again
    /// (the downloader stops listening to it).
    public mutating func rejected(_ piece: Int, from source: String, reason: PieceRejection) {
    }

    /// The missing pieces that no known, non-banned source can still give (none offers them, or
    /// every one that does may not be asked for them), ascending. While this is not empty the
    /// download cannot finish; the downloader reports it instead of waiting forever.
    ///
    /// TODO(1-picking)
    public var unobtainable: [Int] {
        []
    }
}
