/// Step 1, sources that come, go, fail and lie: removal, corrupt and unavailable pieces, bans,
/// pieces nobody can give.
extension PieceCheck {
    static let sources: [PieceCheck] = [
        PieceCheck(step: .picking, name: "removed-source-returns-pieces", summary: "A removed source's pieces in flight can be requested from the others.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 4, seed: seed)
            p.picker.addSource("a", pieces: nil)
            p.picker.addSource("b", pieces: nil)
            let taken: Set = [try p.take(for: "a", "4 pieces pending"), try p.take(for: "a", "3 pieces pending")]
            p.picker.removeSource("a")
            try expect(p.picker.inFlight(from: "a"), equals: [], "inFlight(from: \"a\") after removeSource(\"a\")")
            try expect(p.next(for: "a"), equals: nil, "next(for: \"a\") after removeSource(\"a\"): a is unknown now")
            try expect(Set(p.drain(for: "b")), equals: [0, 1, 2, 3], "the pieces handed to b after a, with \(show(taken)) in flight, was removed")
        },

        PieceCheck(step: .picking, name: "corrupt-piece-asked-elsewhere", summary: "A piece a source sent corrupt is asked of another source, never of that one again.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 2, seed: seed)
            p.picker.addSource("bad", pieces: nil)
            p.picker.addSource("good", pieces: nil)
            let piece = try p.take(for: "bad", "2 pieces pending")
            p.picker.rejected(piece, from: "bad", reason: .corrupt)
            try expect(!p.picker.isBanned("bad"), "isBanned(\"bad\") is true after 1 corrupt piece with maxCorruptPieces 3")
            try expect(p.picker.inFlight(from: "bad"), equals: [], "inFlight(from: \"bad\") after its piece \(piece) was rejected")
            try expect(p.next(for: "bad"), equals: 1 - piece, "next(for: \"bad\") after it sent \(piece) corrupt: only \(1 - piece) may be asked of it")
            try expect(p.next(for: "bad"), equals: nil, "next(for: \"bad\") again: it sent \(piece) corrupt, so it is never asked for \(piece) again")
            try expect(p.next(for: "good"), equals: piece, "next(for: \"good\"): piece \(piece) is pending again after bad sent it corrupt")
            try expect(p.next(for: "bad"), equals: nil, "next(for: \"bad\") in the endgame: still never \(piece) from bad")
            try expect(p.picker.received(piece, from: "good"), equals: [], "received(\(piece), from: \"good\"): bad must not be named, it was never asked again")
        },

        PieceCheck(step: .picking, name: "unavailable-piece-not-held-against-source", summary: "A piece a source cannot send is asked elsewhere and does not count toward a ban.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 1, seed: seed, maxCorruptPieces: 1)
            p.picker.addSource("a", pieces: nil)
            try expect(p.next(for: "a"), equals: 0, "next(for: \"a\") for a 1-piece file")
            p.picker.rejected(0, from: "a", reason: .unavailable)
            try expect(!p.picker.isBanned("a"), "isBanned(\"a\") is true after one unavailable piece (maxCorruptPieces 1); only corrupt pieces count")
            try expect(p.next(for: "a"), equals: nil, "next(for: \"a\") after a said it cannot send piece 0")
            try expect(p.picker.unobtainable, equals: [0], "unobtainable when the only source cannot send piece 0")
            p.picker.addSource("b", pieces: nil)
            try expect(p.next(for: "b"), equals: 0, "next(for: \"b\"), a new source offering piece 0")
            try expect(p.picker.unobtainable, equals: [], "unobtainable once b offers piece 0")
        },

        PieceCheck(step: .picking, name: "banned-at-max-corrupt-pieces", summary: "A source is banned at its maxCorruptPieces-th corrupt piece; its pieces go to the others.") { subjects, seed throws(CheckFailure) in
            let limit = Int(seed % 3) + 2
            var p = PickerUnderTest(subjects.picker, pieceCount: 10, seed: seed, maxCorruptPieces: limit)
            p.picker.addSource("bad", pieces: nil)
            for count in 1..<limit {
                let piece = try p.take(for: "bad", "it sent only \(count - 1) corrupt piece(s)")
                p.picker.rejected(piece, from: "bad", reason: .corrupt)
                try expect(!p.picker.isBanned("bad"), "isBanned(\"bad\") is true after \(count) corrupt piece(s) with maxCorruptPieces \(limit)")
            }
            let last = try p.take(for: "bad", "it sent only \(limit - 1) corrupt piece(s)")
            let pendingAtBan = try p.take(for: "bad", "it sent only \(limit - 1) corrupt piece(s)")
            p.picker.rejected(last, from: "bad", reason: .corrupt)
            try expect(p.picker.isBanned("bad"), "isBanned(\"bad\") is false after \(limit) corrupt pieces with maxCorruptPieces \(limit)")
            try expect(p.picker.inFlight(from: "bad"), equals: [], "inFlight(from: \"bad\") once banned (its request for \(pendingAtBan) is dropped)")
            try expect(p.next(for: "bad"), equals: nil, "next(for: \"bad\") once banned")
            try expect(p.picker.unobtainable, equals: Array(0..<10), "unobtainable when the only source is banned")
            p.picker.removeSource("bad")
            p.picker.addSource("bad", pieces: nil)
            try expect(p.picker.isBanned("bad"), "isBanned(\"bad\") after it was removed and added again: coming back does not lift a ban")
            p.picker.addSource("good", pieces: nil)
            try expect(Set(p.drain(for: "good")), equals: Set(0..<10), "the pieces handed to good after bad was banned (none arrived)")
        },

        PieceCheck(step: .picking, name: "ban-threshold-one", summary: "With maxCorruptPieces 1, one corrupt piece bans a source.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 4, seed: seed, maxCorruptPieces: 1)
            p.picker.addSource("a", pieces: nil)
            let piece = try p.take(for: "a", "4 pieces pending")
            p.picker.rejected(piece, from: "a", reason: .corrupt)
            try expect(p.picker.isBanned("a"), "isBanned(\"a\") is false after 1 corrupt piece with maxCorruptPieces 1")
            try expect(p.next(for: "a"), equals: nil, "next(for: \"a\") once a is banned")
        },

        PieceCheck(step: .picking, name: "unobtainable-pieces", summary: "unobtainable lists the missing pieces no known, non-banned source can still give.") { subjects, seed throws(CheckFailure) in
            var p = PickerUnderTest(subjects.picker, pieceCount: 5, have: [4], seed: seed)
            try expect(p.picker.unobtainable, equals: [0, 1, 2, 3], "unobtainable with no source (piece 4 held)")
            p.picker.addSource("a", pieces: [0, 1, 99])
            p.picker.addSource("b", pieces: [1])
            try expect(p.picker.unobtainable, equals: [2, 3], "unobtainable with a offering 0, 1 (and 99, not a piece: ignored), b offering 1")
            p.picker.rejected(0, from: "a", reason: .corrupt)
            p.picker.rejected(1, from: "a", reason: .unavailable)
            try expect(p.picker.unobtainable, equals: [0, 2, 3], "unobtainable after a sent 0 corrupt and could not send 1 (b still offers 1)")
            p.picker.addSource("c", pieces: [2, 3])
            try expect(p.picker.unobtainable, equals: [0], "unobtainable once c offers 2 and 3")
            p.picker.addSource("c", pieces: [0, 2, 3])
            try expect(p.picker.unobtainable, equals: [], "unobtainable once c offers 0, 2 and 3 (added again with more pieces)")
            p.picker.removeSource("c")
            try expect(p.picker.unobtainable, equals: [0, 2, 3], "unobtainable once c is removed")
        },
    ]
}
