extension StudentPicker {
    /// The piece to request next from `source`, now recorded as in flight from it; nil when the
    /// source is unknown, banned, or has nothing useful right now.
    ///
    /// TODO(1-picking): two rules, as in BitTorrent.
    ///
    /// **Rarest first.** Among the pieces that are *pending* — not held and not in flight from any
    /// source — that `source` offers and may be asked for, pick the one offered by the fewest
    /// sources (count only known, non-banned sources that may still be asked for it). Rare pieces
    /// are the ones a download can lose when a source leaves, so they are fetched while they can
    /// be; common pieces can be had from anyone later. Break ties with the seeded order from `init`.
    ///
    /// **Endgame.** When no piece is pending but some are still missing, every missing piece is
    /// in flight somewhere and an idle source would sit doing nothing while one slow source holds
    /// the end of the download back. Then ask `source` for a piece already in flight from *other*
    /// sources (never one in flight from `source` itself), the one in flight from the fewest
    /// sources first, ties again by the seeded order. `received` then names the duplicates to
    /// cancel. Never do this while any piece is still pending: that would waste bandwidth.
    ///
    /// Never return a held piece, a piece `source` does not offer, or a piece it sent corrupt or
    /// said it cannot send.
    public mutating func next(for source: String) -> Int? {
        nil
    }
}
