/// A piece picker: decides which piece of a file to request from which source during a download
/// from several sources. `PiecePicker` is the course's; the piece-picker exercise writes another,
/// and `FileShareSuite` grades any conformer through this interface alone.
///
/// Sans-IO: the downloader reports what sources offer and what arrived, and asks `next(for:)`
/// whenever a source has a free request slot. Sources are named by strings (peer ids); pieces by
/// their index in `0..<pieceCount`. The downloader never passes an index outside that range.
public protocol PieceSelecting: Sendable {
    /// A picker for a file of `pieceCount` pieces of which `have` are already held (never to be
    /// requested). `seed` fixes the order in which equally rare pieces are picked; a source is
    /// banned at its `maxCorruptPieces`-th corrupt piece.
    init(pieceCount: Int, have: Set<Int>, seed: UInt64, maxCorruptPieces: Int)

    /// Adds a source offering `pieces` (every piece when nil; indices outside the file are ignored),
    /// or replaces what a known source offers, keeping its requests in flight.
    mutating func addSource(_ id: String, pieces: Set<Int>?)

    /// Forgets a source (its connection ended): its pieces in flight may be requested elsewhere.
    /// A ban and the pieces it sent corrupt are remembered in case it comes back.
    mutating func removeSource(_ id: String)

    /// The piece to request next from `source`, recorded as in flight from it; nil when it is
    /// unknown, banned or has nothing useful to give right now.
    mutating func next(for source: String) -> Int?

    /// `piece` arrived from `source` and verified. Returns the other sources it was still in
    /// flight from (the duplicates the downloader may cancel).
    mutating func received(_ piece: Int, from source: String) -> [String]

    /// `piece` will not come from `source`, for `reason`; never ask `source` for it again.
    mutating func rejected(_ piece: Int, from source: String, reason: PieceRejection)

    /// The pieces requested from `source` and not yet received or rejected.
    func inFlight(from source: String) -> Set<Int>

    /// Whether `source` sent too many corrupt pieces to be asked for any more.
    func isBanned(_ source: String) -> Bool

    /// Whether `piece` is held (from the start, or received since).
    func isHeld(_ piece: Int) -> Bool

    /// Whether every piece is held.
    var isComplete: Bool { get }

    /// How many pieces are not held yet.
    var missing: Int { get }

    /// The missing pieces no known, non-banned source can still give, ascending.
    var unobtainable: [Int] { get }
}
