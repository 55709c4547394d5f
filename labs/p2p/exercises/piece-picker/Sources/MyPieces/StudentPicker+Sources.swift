extension StudentPicker {
    /// A source offering `pieces` (every piece when nil) joined the download, or a known source
    /// says it now offers `pieces`.
    ///
    /// TODO(1-picking): remember what it offers, ignoring indices outside `0..<pieceCount` (a peer
    /// may send nonsense; it must not crash you). When the source is already known, replace what
    /// it offers but keep its pieces in flight: they are still on their way.
    public mutating func addSource(_ id: String, pieces: Set<Int>?) {
    }

    /// The source's connection ended. Its pieces in flight will not come from it: they become
    /// pending again, so that `next(for:)` hands them to other sources.
    ///
    /// TODO(1-picking): forget what it offers and its requests, but keep its ban, its corrupt count
    /// and the pieces it must not be asked for: a source that lied and reconnects is still a liar.
    public mutating func removeSource(_ id: String) {
    }

    /// The pieces requested from `source` and not yet received or rejected; none for a source that
    /// is unknown, removed or banned. The downloader uses it to fill each source's request window.
    ///
    /// TODO(1-picking)
    public func inFlight(from source: String) -> Set<Int> {
        []
    }

    /// Whether `source` has sent `maxCorruptPieces` corrupt pieces (see `rejected`).
    ///
    /// TODO(1-picking)
    public func isBanned(_ source: String) -> Bool {
        false
    }
}
