import LabRandom

/// Step 3: the picker (and, where sources lie, the verifier) in seeded simulated downloads.
extension PieceCheck {
    static let download: [PieceCheck] = [
        PieceCheck(step: .download, name: "source-leaves", summary: "A download from three sources completes when one of them leaves half-way.", points: 2) { subjects, seed throws(CheckFailure) in
            var random = SplitMix64(seed: seed)
            let file = SimulatedFile(pieceCount: Int.random(in: 60...120, using: &random), pieceSize: 4, using: &random)
            let pieces = 0..<file.pieceCount
            let simulation = DownloadSimulation(
                file: file,
                sources: [
                    .init(id: "a", pieces: nil),
                    .init(id: "b", pieces: Set(pieces.filter { $0 % 3 != 0 }), leavesAtRound: Int.random(in: 5...20, using: &random)),
                    .init(id: "c", pieces: Set(pieces.filter { $0 % 2 == 0 })),
                ],
                maxRounds: 2 * file.pieceCount)
            var run = DownloadRun(simulation, picker: subjects.picker, seed: random.next())
            let ending = try run.play()
            try run.expectComplete(ending)
        },

        PieceCheck(step: .download, name: "lying-sources", summary: "A download from honest and lying sources completes, accepts no corrupt piece and bans the liars.", points: 3) { subjects, seed throws(CheckFailure) in
            var random = SplitMix64(seed: seed)
            let file = SimulatedFile(pieceCount: Int.random(in: 30...60, using: &random), pieceSize: Int.random(in: 8...32, using: &random), using: &random)
            let have = Set((0..<file.pieceCount).filter { _ in Int.random(in: 0..<20, using: &random) == 0 })
            var sources = honestSources(count: Int.random(in: 2...4, using: &random), covering: file.pieceCount, except: have, using: &random)
            let liar = sources.count
            sources.append(.init(id: "", pieces: nil, corruptChance: 1))
            if Bool.random(using: &random) {
                sources.append(.init(id: "", pieces: Set((0..<file.pieceCount).filter { _ in Bool.random(using: &random) }), corruptChance: 0.5))
            }
            name(&sources, using: &random)
            let simulation = DownloadSimulation(
                file: file, sources: sources, have: have, maxCorruptPieces: Int.random(in: 1...3, using: &random),
                window: Int.random(in: 2...4, using: &random), maxRounds: 2 * file.pieceCount + 10, verifier: subjects.verifier)
            var run = DownloadRun(simulation, picker: subjects.picker, seed: random.next())
            let ending = try run.play()
            try run.expectComplete(ending)
            let id = sources[liar].id
            try expect(run.picker.picker.isBanned(id),
                       "\(id) offers every piece and sends only corrupt ones, so it is asked from the first round and must be banned by the end "
                       + "(maxCorruptPieces \(simulation.maxCorruptPieces)); it sent \(run.sentCorrupt[id, default: []].count) corrupt piece(s)")
        },

        PieceCheck(step: .download, name: "lost-pieces-reported", summary: "When no honest source has some pieces, the download stalls and unobtainable names exactly them.", points: 2) { subjects, seed throws(CheckFailure) in
            var random = SplitMix64(seed: seed)
            let file = SimulatedFile(pieceCount: Int.random(in: 12...30, using: &random), pieceSize: 8, using: &random)
            let lost = Set((0..<file.pieceCount).shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)))
            let have = Set((0..<file.pieceCount).filter { !lost.contains($0) && Int.random(in: 0..<10, using: &random) == 0 })
            var sources = honestSources(count: 2, covering: file.pieceCount, except: have.union(lost), using: &random)
            for index in sources.indices { sources[index].pieces = (sources[index].pieces ?? Set(0..<file.pieceCount)).subtracting(lost) }
            sources.append(.init(id: "", pieces: nil, corruptChance: 1))
            name(&sources, using: &random)
            let simulation = DownloadSimulation(
                file: file, sources: sources, have: have, maxCorruptPieces: Int.random(in: 1...2, using: &random), maxRounds: 2 * file.pieceCount + 10)
            var run = DownloadRun(simulation, picker: subjects.picker, seed: random.next())
            let ending = try run.play()
            let picker = run.picker.picker
            let setting = "only a lying source offers pieces \(show(lost)), and the download stopped in round "
            guard case .stalled(let round) = ending else {
                throw CheckFailure(message: "the download completed although pieces \(show(lost)) never arrived intact")
            }
            try expect(picker.unobtainable, equals: lost.sorted(), "\(setting)\(round) (nothing more to request): unobtainable")
            try expect(picker.missing, equals: lost.count, "\(setting)\(round): missing")
            try expect(!picker.isComplete, "\(setting)\(round), but isComplete is true")
        },
    ]

    /// `count` honest sources, each offering every piece or a random half; together they offer
    /// every piece of `pieceCount` that is not in `except`.
    private static func honestSources(count: Int, covering pieceCount: Int, except: Set<Int>, using random: inout SplitMix64) -> [DownloadSimulation.Source] {
        var sources = (0..<count).map { _ in
            DownloadSimulation.Source(
                id: "", pieces: Int.random(in: 0..<4, using: &random) == 0 ? nil : Set((0..<pieceCount).filter { _ in Bool.random(using: &random) }))
        }
        for piece in 0..<pieceCount where !except.contains(piece) && !sources.contains(where: { $0.offers(piece) }) {
            sources[Int.random(in: 0..<count, using: &random)].pieces?.insert(piece)
        }
        return sources
    }

    /// Names the sources p1, p2, … in a random order, so that no picker can tell the liars by name.
    private static func name(_ sources: inout [DownloadSimulation.Source], using random: inout SplitMix64) {
        for (index, number) in (1...sources.count).shuffled(using: &random).enumerated() { sources[index].id = "p\(number)" }
    }
}
