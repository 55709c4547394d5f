import FileSharePieces
import LabRandom

/// One run of a `DownloadSimulation` against a picker under test, driven as `Downloader` drives
/// the real one: each round every connected source that is not banned gets its window filled from
/// `next(for:)`, then every source with requests answers one of them, with the true bytes or (a
/// lying source) damaged ones; the answer is verified and reported to the picker.
///
/// The run trusts nothing the picker says: every piece it hands out is checked against what the
/// simulation knows, every verdict against the truth, every list of duplicates and every ban
/// against the run's own bookkeeping. Failures name the round.
struct DownloadRun {
    let simulation: DownloadSimulation
    private(set) var picker: PickerUnderTest
    private var random: SplitMix64
    /// Pieces held, by the run's own account.
    private var held: Set<Int>
    /// Per connected source, the pieces requested from it and not answered or cancelled.
    private var requests: [String: Set<Int>] = [:]
    /// Per source, the pieces it sent corrupt.
    private(set) var sentCorrupt: [String: Set<Int>] = [:]

    init(_ simulation: DownloadSimulation, picker type: any PieceSelecting.Type, seed: UInt64) {
        self.simulation = simulation
        self.random = SplitMix64(seed: seed)
        self.picker = PickerUnderTest(
            type, pieceCount: simulation.file.pieceCount, have: simulation.have, seed: self.random.next(),
            maxCorruptPieces: simulation.maxCorruptPieces)
        self.held = simulation.have
        for source in simulation.sources {
            self.picker.picker.addSource(source.id, pieces: source.pieces)
            self.requests[source.id] = []
        }
    }

    /// Plays rounds until every piece arrived or nothing more is requested.
    mutating func play() throws(CheckFailure) -> DownloadSimulation.Ending {
        for round in 1...self.simulation.maxRounds {
            do {
                if let ending = try self.play(round: round) { return ending }
            } catch {
                throw error.within("round \(round)")
            }
        }
        throw CheckFailure(message: "the download is neither complete nor stalled after \(self.simulation.maxRounds) rounds, "
            + "\(self.missingPieces.count) of \(self.simulation.file.pieceCount) pieces still missing: \(show(self.missingPieces))")
    }

    private mutating func play(round: Int) throws(CheckFailure) -> DownloadSimulation.Ending? {
        for source in self.simulation.sources where source.leavesAtRound == round {
            self.picker.picker.removeSource(source.id)
            self.requests[source.id] = nil
        }
        for source in self.simulation.sources where self.requests[source.id] != nil {
            try self.fill(source)
        }
        let busy = self.requests.filter { !$0.value.isEmpty }.keys.sorted()
        if busy.isEmpty { return .stalled(round: round) }
        for id in busy.shuffled(using: &self.random) {
            try self.answer(from: id)
        }
        return self.held.count == self.simulation.file.pieceCount ? .complete(rounds: round) : nil
    }

    /// Asks the picker for pieces for `source` until its window is full or it has nothing.
    private mutating func fill(_ source: DownloadSimulation.Source) throws(CheckFailure) {
        try self.expectBanState(of: source.id)
        guard !self.picker.picker.isBanned(source.id) else { return }
        while self.requests[source.id, default: []].count < self.simulation.window, let piece = try self.picker.next(for: source.id) {
            let asked = "next(for: \"\(source.id)\") returned piece \(piece)"
            try expect(!self.held.contains(piece), "\(asked), which is already held")
            try expect(source.offers(piece), "\(asked), which \(source.id) does not offer")
            try expect(!self.requests[source.id, default: []].contains(piece), "\(asked), which is already in flight from \(source.id)")
            try expect(!self.sentCorrupt[source.id, default: []].contains(piece),
                       "\(asked), which \(source.id) sent corrupt before; a source is never asked again for a piece it sent corrupt")
            self.requests[source.id, default: []].insert(piece)
        }
    }

    /// `id` sends one of its requested pieces, intact or damaged; the verdict goes to the picker.
    private mutating func answer(from id: String) throws(CheckFailure) {
        guard let piece = self.requests[id]?.sorted().randomElement(using: &self.random),
              let source = self.simulation.sources.first(where: { $0.id == id })
        else { return }
        self.requests[id]?.remove(piece)
        let truth = self.simulation.file.piece(piece)
        var damage: Corruption?
        if Double.random(in: 0..<1, using: &self.random) < source.corruptChance {
            damage = Corruption.allCases.randomElement(using: &self.random)
        }
        let data = damage.map { $0.apply(to: truth, using: &self.random) } ?? truth
        if let verifier = self.simulation.verifier {
            let file = self.simulation.file
            let verdict = verifier.verdict(of: data, piece: piece, layout: file.layout, expectedSHA256: file.hashes[piece])
            if let damage {
                try expect(verdict != .intact, "the verifier found piece \(piece) from \(id) intact, but it arrived with \(damage)")
            } else {
                try expect(verdict == .intact, "the verifier refused piece \(piece) from \(id), which arrived intact: \(verdict)")
            }
        }
        if damage == nil {
            try self.accept(piece, from: id)
        } else {
            try self.refuse(piece, from: id)
        }
    }

    private mutating func accept(_ piece: Int, from id: String) throws(CheckFailure) {
        let others = self.requests.filter { $0.key != id && $0.value.contains(piece) }.keys.sorted()
        let duplicates = self.picker.picker.received(piece, from: id)
        try expect(duplicates.sorted(), equals: others,
                   "received(\(piece), from: \"\(id)\") must name the other sources piece \(piece) is still in flight from")
        for other in others { self.requests[other]?.remove(piece) }
        self.held.insert(piece)
    }

    private mutating func refuse(_ piece: Int, from id: String) throws(CheckFailure) {
        self.picker.picker.rejected(piece, from: id, reason: .corrupt)
        self.sentCorrupt[id, default: []].insert(piece)
        try self.expectBanState(of: id)
        // The downloader stops listening to a banned source.
        if self.picker.picker.isBanned(id), self.requests[id] != nil { self.requests[id] = [] }
    }

    /// Fails unless `id` is banned exactly when it has sent `maxCorruptPieces` corrupt pieces.
    func expectBanState(of id: String) throws(CheckFailure) {
        let sent = self.sentCorrupt[id, default: []].count
        let limit = self.simulation.maxCorruptPieces
        if sent >= limit {
            try expect(self.picker.picker.isBanned(id), "\(id) has sent \(sent) corrupt piece(s) with maxCorruptPieces \(limit), but isBanned(\"\(id)\") is false")
        } else {
            try expect(!self.picker.picker.isBanned(id), "isBanned(\"\(id)\") is true, but \(id) has sent only \(sent) corrupt piece(s) (maxCorruptPieces \(limit))")
        }
    }

    /// The pieces not held yet, by the run's own account.
    var missingPieces: [Int] { (0..<self.simulation.file.pieceCount).filter { !self.held.contains($0) } }

    /// Fails unless the run ended complete and the picker agrees: complete, nothing missing or
    /// unobtainable, every piece held, and every source banned exactly when it should be.
    func expectComplete(_ ending: DownloadSimulation.Ending) throws(CheckFailure) {
        let rounds: Int
        switch ending {
        case .complete(let count):
            rounds = count
        case .stalled(let round):
            throw CheckFailure(message: "round \(round): no source has a request in flight, yet \(self.missingPieces.count) pieces are missing "
                + "(\(show(self.missingPieces))): next(for:) returned nil for every connected source; unobtainable says \(show(self.picker.picker.unobtainable))")
        }
        let picker = self.picker.picker
        let done = "once every piece arrived (round \(rounds))"
        try expect(picker.isComplete, "isComplete is false \(done)")
        try expect(picker.missing, equals: 0, "missing \(done)")
        if let piece = (0..<self.simulation.file.pieceCount).first(where: { !picker.isHeld($0) }) {
            throw CheckFailure(message: "isHeld(\(piece)) is false \(done)")
        }
        try expect(picker.unobtainable, equals: [], "unobtainable \(done)")
        for source in self.simulation.sources { try self.expectBanState(of: source.id) }
    }
}
