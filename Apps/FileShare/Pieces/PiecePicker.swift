import LabRandom

/// Decides which piece of a file to request from which source, for a download from several sources.
///
/// Sans-IO and deterministic: the shell reports what sources offer and what arrived, and asks
/// `next(for:)` whenever a source has a free request slot. Pieces are picked rarest first, ties
/// broken by an order shuffled from the seed, so the same seed and the same calls give the same
/// picks. When every missing piece is already requested somewhere (endgame), stragglers are
/// requested again from idle sources and `received(_:from:)` names the duplicates to cancel.
/// A source that sends `maxCorruptPieces` corrupt pieces is banned. The course's `PieceSelecting`.
public struct PiecePicker: PieceSelecting {
    /// How the shell names a source (a peer id).
    public typealias SourceID = String

    /// What one source offers and what has been requested from it.
    private struct Source: Sendable {
        /// The pieces the source has; nil when it has all of them.
        var pieces: Set<Int>?
        /// Pieces requested from the source and not yet received or rejected.
        var inFlight: Set<Int> = []

        func has(_ piece: Int) -> Bool { self.pieces?.contains(piece) ?? true }
    }

    /// Number of pieces in the file.
    public let pieceCount: Int
    /// Corrupt pieces after which a source is banned.
    public let maxCorruptPieces: Int
    /// Corrupt pieces received so far, per source (kept after the source is removed).
    public private(set) var corruptPieces: [SourceID: Int] = [:]

    private var isHeldByPiece: [Bool]
    private var heldCount: Int
    /// Position of each piece in the seeded shuffle; the lower one wins a tie.
    private let rank: [Int]
    /// Per piece, the known, non-banned sources that have it and are not excluded from it.
    private var providers: [Int]
    /// Per piece, the sources it is in flight from.
    private var requests: [Int]
    private var known: [SourceID: Source] = [:]
    /// Per source, the pieces it returned corrupt or said it lacks: never asked of it again.
    private var exclusions: [SourceID: Set<Int>] = [:]
    private var banned: Set<SourceID> = []

    /// A picker for a file of `pieceCount` pieces of which `have` are already held (never requested).
    /// `seed` fixes the tie-breaking order; a source is banned at its `maxCorruptPieces`-th corrupt piece.
    public init(pieceCount: Int, have: Set<Int> = [], seed: UInt64, maxCorruptPieces: Int = 3) {
        precondition(pieceCount >= 0, "a file cannot have \(pieceCount) pieces")
        precondition(maxCorruptPieces >= 1, "maxCorruptPieces must be at least 1, not \(maxCorruptPieces)")
        if let stray = have.first(where: { !(0..<pieceCount).contains($0) }) {
            preconditionFailure("held piece \(stray) is outside 0..<\(pieceCount)")
        }
        self.pieceCount = pieceCount
        self.maxCorruptPieces = maxCorruptPieces
        self.isHeldByPiece = (0..<pieceCount).map(have.contains)
        self.heldCount = have.count
        var random = SplitMix64(seed: seed)
        var rank = [Int](repeating: 0, count: pieceCount)
        for (position, piece) in (0..<pieceCount).shuffled(using: &random).enumerated() {
            rank[piece] = position
        }
        self.rank = rank
        self.providers = [Int](repeating: 0, count: pieceCount)
        self.requests = [Int](repeating: 0, count: pieceCount)
    }

    // MARK: Sources

    /// Adds a source offering `pieces`, or every piece when nil; pieces outside the file are ignored.
    /// Adding a known source replaces what it offers and keeps its requests in flight.
    public mutating func addSource(_ id: SourceID, pieces: Set<Int>? = nil) {
        if let previous = self.known[id] { self.countProviders(of: id, previous, by: -1) }
        let offered = pieces?.filter { (0..<self.pieceCount).contains($0) }
        let source = Source(pieces: offered, inFlight: self.known[id]?.inFlight ?? [])
        self.known[id] = source
        self.countProviders(of: id, source, by: 1)
    }

    /// Forgets a source: its pieces in flight become pending again unless requested elsewhere too.
    /// Its corrupt count, ban and exclusions are kept in case it comes back.
    public mutating func removeSource(_ id: SourceID) {
        guard let source = self.known.removeValue(forKey: id) else { return }
        self.countProviders(of: id, source, by: -1)
        for piece in source.inFlight { self.requests[piece] -= 1 }
    }

    /// The sources added and not removed (banned ones included), sorted.
    public var sources: [SourceID] { self.known.keys.sorted() }

    /// Whether `source` sent too many corrupt pieces to be asked for any more.
    public func isBanned(_ source: SourceID) -> Bool { self.banned.contains(source) }

    /// The pieces requested from `source` and not yet received or rejected.
    public func inFlight(from source: SourceID) -> Set<Int> { self.known[source]?.inFlight ?? [] }

    // MARK: Picking

    /// The piece to request next from `source`, now marked in flight from it; nil when the source is
    /// unknown, banned or has nothing useful.
    ///
    /// The pick is the rarest piece the source can give that is neither held nor in flight, ties
    /// going to the earlier piece in the seeded order. When every missing piece is already in flight
    /// (endgame), it is one in flight from other sources only, preferring the fewest such sources.
    public mutating func next(for source: SourceID) -> Int? {
        guard !self.banned.contains(source), let piece = self.pick(for: source) else { return nil }
        self.known[source]?.inFlight.insert(piece)
        self.requests[piece] += 1
        return piece
    }

    /// The choice `next(for:)` makes, without recording it; one pass over the pieces.
    private func pick(for id: SourceID) -> Int? {
        guard let source = self.known[id] else { return nil }
        let excluded = self.exclusions[id] ?? []
        var rarest: Int?
        var straggler: Int?
        var endgame = true
        for piece in 0..<self.pieceCount where !self.isHeldByPiece[piece] {
            let pending = self.requests[piece] == 0
            if pending { endgame = false }
            guard source.has(piece), !excluded.contains(piece), !source.inFlight.contains(piece) else { continue }
            if pending {
                if rarest.map({ self.isRarer(piece, than: $0) }) ?? true { rarest = piece }
            } else if straggler.map({ self.isLessRequested(piece, than: $0) }) ?? true {
                straggler = piece
            }
        }
        return rarest ?? (endgame ? straggler : nil)
    }

    private func isRarer(_ piece: Int, than other: Int) -> Bool {
        (self.providers[piece], self.rank[piece]) < (self.providers[other], self.rank[other])
    }

    private func isLessRequested(_ piece: Int, than other: Int) -> Bool {
        (self.requests[piece], self.rank[piece]) < (self.requests[other], self.rank[other])
    }

    // MARK: Outcomes

    /// Records that `piece` arrived from `source` and passed its hash check. Returns the other
    /// sources it was still in flight from, sorted (duplicates the shell may cancel); [] when the
    /// piece was already held.
    public mutating func received(_ piece: Int, from source: SourceID) -> [SourceID] {
        self.checkIndex(piece)
        guard !self.isHeldByPiece[piece] else { return [] }
        self.isHeldByPiece[piece] = true
        self.heldCount += 1
        self.requests[piece] = 0
        var duplicates: [SourceID] = []
        for id in self.sources where self.known[id]?.inFlight.remove(piece) != nil && id != source {
            duplicates.append(id)
        }
        return duplicates
    }

    /// Records that `piece` will not come from `source`: the request is dropped so another source
    /// can be asked, and `source` is never asked for `piece` again. A `.corrupt` piece counts
    /// toward banning the source, whose requests in flight then become pending again.
    public mutating func rejected(_ piece: Int, from source: SourceID, reason: PieceRejection) {
        self.checkIndex(piece)
        if self.known[source]?.inFlight.remove(piece) != nil {
            self.requests[piece] -= 1
        }
        if self.isProvider(source, of: piece) { self.providers[piece] -= 1 }
        self.exclusions[source, default: []].insert(piece)
        guard reason == .corrupt else { return }
        let corrupt = self.corruptPieces[source, default: 0] + 1
        self.corruptPieces[source] = corrupt
        if corrupt >= self.maxCorruptPieces { self.ban(source) }
    }

    /// Stops counting and asking `id`; its requests in flight become pending again.
    private mutating func ban(_ id: SourceID) {
        guard !self.banned.contains(id) else { return }
        if let source = self.known[id] {
            self.countProviders(of: id, source, by: -1)
            for piece in source.inFlight { self.requests[piece] -= 1 }
            self.known[id]?.inFlight = []
        }
        self.banned.insert(id)
    }

    // MARK: Progress

    /// Whether every piece is held.
    public var isComplete: Bool { self.heldCount == self.pieceCount }

    /// Number of pieces not held yet.
    public var missing: Int { self.pieceCount - self.heldCount }

    /// The pieces held, from the start or received since.
    public var held: Set<Int> { Set((0..<self.pieceCount).filter { self.isHeldByPiece[$0] }) }

    /// Whether `piece` is held.
    public func isHeld(_ piece: Int) -> Bool {
        self.checkIndex(piece)
        return self.isHeldByPiece[piece]
    }

    /// Missing pieces that no known, non-banned source can still give (none has them, or every
    /// one that has them was excluded), ascending. The download cannot finish until a source
    /// offering them is added.
    public var unobtainable: [Int] {
        (0..<self.pieceCount).filter { !self.isHeldByPiece[$0] && self.providers[$0] == 0 }
    }

    // MARK: Bookkeeping

    /// Whether the source `id` counts as a provider of `piece` (known, not banned, has it, not excluded).
    private func isProvider(_ id: SourceID, of piece: Int) -> Bool {
        guard let source = self.known[id], !self.banned.contains(id) else { return false }
        return source.has(piece) && !(self.exclusions[id]?.contains(piece) ?? false)
    }

    /// Adds `delta` to `providers` for every piece `source` (named `id`) has and is not excluded
    /// from; nothing for a banned source.
    private mutating func countProviders(of id: SourceID, _ source: Source, by delta: Int) {
        guard !self.banned.contains(id) else { return }
        let excluded = self.exclusions[id] ?? []
        for piece in 0..<self.pieceCount where source.has(piece) && !excluded.contains(piece) {
            self.providers[piece] += delta
        }
    }

    private func checkIndex(_ piece: Int) {
        precondition((0..<self.pieceCount).contains(piece), "piece \(piece) is outside 0..<\(self.pieceCount)")
    }
}
