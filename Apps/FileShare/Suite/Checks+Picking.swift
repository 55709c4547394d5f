import LabRandom

/// Step 1, the picks themselves: rarest first, seeded ties, held pieces, the endgame.
extension PieceCheck {
    static let picking: [PieceCheck] = [
        PieceCheck(step: .picking, name: "rarest-first", summary: "The piece the fewest sources offer is requested first.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 4, seed: seed)
            p.picker.addSource("a", pieces: nil)
            p.picker.addSource("b", pieces: [0, 1, 2])
            p.picker.addSource("c", pieces: [0, 1])
            try expect(p.next(for: "a"), equals: 3, "a offers pieces 0-3, b 0-2, c 0-1; next(for: \"a\") must be the rarest, 3 (only a has it)")
            try expect(p.next(for: "a"), equals: 2, "then next(for: \"a\") must be 2 (offered by a and b only)")
            let fromC = try p.take(for: "c", "c offers 0 and 1, both pending")
            try expect([0, 1].contains(fromC), "next(for: \"c\") returned \(fromC), but c offers only 0 and 1")
            try expect(p.next(for: "b"), equals: 1 - fromC, "next(for: \"b\"): b offers 0-2, but 2 and \(fromC) are in flight already")
        },

        PieceCheck(step: .picking, name: "seeded-ties", summary: "Equally rare pieces come in an order shuffled from the seed.") { subjects, seed throws(CheckFailure) in
            func order(_ seed: UInt64) throws(CheckFailure) -> [Int] {
                var p = PickerUnderTest(subjects.picker, pieceCount: 64, seed: seed)
                p.picker.addSource("a", pieces: nil)
                return try p.drain(for: "a")
            }
            let first = try order(seed)
            try expect(first.sorted(), equals: Array(0..<64), "one source offering all 64 pieces: the pieces next(for: \"a\") hands out until nil, sorted")
            try expect(first != Array(0..<64), "64 equally rare pieces were handed out in index order (0, 1, 2, …); ties must follow an order shuffled from the seed")
            try expect(order(seed), equals: first, "a second picker with the same seed must pick in the same order")
            for other in [seed &+ 1, seed &+ 2] {
                try expect(order(other) != first, "seeds \(seed) and \(other) gave the same order \(show(first)); ties must follow the seed")
            }
        },

        PieceCheck(step: .picking, name: "held-pieces-never-requested", summary: "Pieces held from the start are never requested and count as held.") { subjects, seed throws(CheckFailure) in
            var random = SplitMix64(seed: seed)
            let pieceCount = Int.random(in: 8...16, using: &random)
            let have = Set((0..<pieceCount).shuffled(using: &random).prefix(Int.random(in: 1..<pieceCount, using: &random)))
            let missing = Set(0..<pieceCount).subtracting(have)
            var p = PickerUnderTest(subjects.picker, pieceCount: pieceCount, have: have, seed: random.next())
            p.picker.addSource("a", pieces: nil)
            let setting = "\(pieceCount) pieces, \(show(have)) held from the start"
            try expect(p.picker.missing, equals: missing.count, "missing with \(setting)")
            for piece in 0..<pieceCount {
                try expect(p.picker.isHeld(piece), equals: have.contains(piece), "isHeld(\(piece)) with \(setting)")
            }
            try expect(Set(p.drain(for: "a")), equals: missing, "the pieces handed to a source offering everything, with \(setting)")
            let again = have.min() ?? 0
            try expect(p.picker.received(again, from: "a"), equals: [], "received(\(again), from: \"a\") for a piece held from the start names no duplicates")
            try expect(p.picker.missing, equals: missing.count, "missing after receiving an already held piece again")
            try expect(!p.picker.isComplete, "isComplete is true with \(missing.count) pieces missing")
        },

        PieceCheck(step: .picking, name: "endgame-duplicates-straggler", summary: "In the endgame an idle source is asked for a straggler too, and receipt names the duplicate to cancel.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 2, seed: seed)
            p.picker.addSource("slow", pieces: nil)
            p.picker.addSource("fast", pieces: nil)
            let straggler = try p.take(for: "slow", "2 pieces pending")
            let quick = try p.take(for: "fast", "piece \(1 - straggler) is pending")
            try expect(quick, equals: 1 - straggler, "next(for: \"fast\") while piece \(1 - straggler) is pending and \(straggler) is in flight from slow")
            try expect(p.picker.received(quick, from: "fast"), equals: [], "received(\(quick), from: \"fast\"): no other source had it in flight")
            try expect(p.next(for: "fast"), equals: straggler, "every missing piece is in flight (endgame): next(for: \"fast\") must ask the idle fast for slow's piece too")
            try expect(p.next(for: "fast"), equals: nil, "next(for: \"fast\") again: fast already has the only missing piece in flight")
            try expect(p.picker.received(straggler, from: "fast").sorted(), equals: ["slow"], "received(\(straggler), from: \"fast\") must name slow, whose request for it can be cancelled")
            try expect(p.picker.inFlight(from: "slow"), equals: [], "inFlight(from: \"slow\") once its piece arrived from fast")
            try expect(p.picker.isComplete, "isComplete is false after both pieces arrived")
        },

        PieceCheck(step: .picking, name: "no-endgame-while-pending", summary: "No piece is requested twice while some piece is still pending.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 2, seed: seed)
            p.picker.addSource("a", pieces: [0])
            p.picker.addSource("b", pieces: [0, 1])
            try expect(p.next(for: "a"), equals: 0, "next(for: \"a\"), a offering only piece 0")
            try expect(p.next(for: "a"), equals: nil, "next(for: \"a\") again: piece 1 is still pending (b has it), so it is not the endgame and 0 must not be asked twice")
            try expect(p.next(for: "b"), equals: 1, "next(for: \"b\"): 1 is pending, 0 in flight")
            try expect(p.next(for: "b"), equals: 0, "next(for: \"b\") again: now every missing piece is in flight (endgame), so b is asked for 0 too")
        },

        PieceCheck(step: .picking, name: "endgame-least-requested", summary: "In the endgame the straggler in flight from the fewest sources is duplicated first.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 2, seed: seed)
            for source in ["a", "b", "c", "d"] { p.picker.addSource(source, pieces: nil) }
            let first = try p.take(for: "a", "2 pieces pending")
            let second = try p.take(for: "b", "piece \(1 - first) is pending")
            try expect(second, equals: 1 - first, "next(for: \"b\") while piece \(1 - first) is pending")
            let duplicated = try p.take(for: "c", "endgame: both pieces in flight, c has neither")
            try expect(p.next(for: "d"), equals: 1 - duplicated, "next(for: \"d\"): piece \(duplicated) is in flight from 2 sources, \(1 - duplicated) from 1; the least requested goes first")
        },
    ]
}
