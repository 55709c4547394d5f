import FileShareCore
import LabRandom
import Testing

@Suite("Piece picker")
struct PiecePickerTests {
    /// Every piece `next(for:)` hands to `source` until it returns nil.
    private func drain(_ picker: inout PiecePicker, for source: String) -> [Int] {
        var picks: [Int] = []
        while let piece = picker.next(for: source) { picks.append(piece) }
        return picks
    }

    /// `next(for:)`, failing the test when it returns nil.
    private func take(_ picker: inout PiecePicker, for source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let piece = picker.next(for: source)
        return try #require(piece, "\(source) got no piece", sourceLocation: sourceLocation)
    }

    @Test func theRarestPieceIsRequestedFirst() throws {
        var picker = PiecePicker(pieceCount: 4, seed: 1)
        picker.addSource("a")
        picker.addSource("b", pieces: [0, 1, 2])
        picker.addSource("c", pieces: [0, 1])
        #expect(picker.next(for: "a") == 3)
        #expect(picker.next(for: "a") == 2)
        let fromC = try self.take(&picker, for: "c")
        #expect([0, 1].contains(fromC))
        #expect(picker.next(for: "b") == 1 - fromC, "b has 2 too, but 2 is in flight already")
    }

    @Test func tiesFollowTheSeed() {
        func order(seed: UInt64) -> [Int] {
            var picker = PiecePicker(pieceCount: 64, seed: seed)
            picker.addSource("a")
            return self.drain(&picker, for: "a")
        }
        let first = order(seed: 7)
        #expect(first.sorted() == Array(0..<64))
        #expect(first != Array(0..<64), "equally rare pieces are not taken in index order")
        #expect(order(seed: 7) == first)
        #expect(order(seed: 8) != first)
        #expect(order(seed: 9) != first)
    }

    @Test func heldPiecesAreNeverRequested() {
        var picker = PiecePicker(pieceCount: 8, have: [0, 2, 4], seed: 3)
        picker.addSource("a")
        #expect(picker.missing == 5)
        #expect(picker.held == [0, 2, 4])
        #expect(picker.isHeld(2) && !picker.isHeld(3))
        #expect(Set(self.drain(&picker, for: "a")) == [1, 3, 5, 6, 7])
        #expect(picker.received(2, from: "a") == [], "receiving a held piece again is harmless")
        #expect(picker.missing == 5)
    }

    @Test func endgameDuplicatesAStragglerAndReceivedNamesTheOtherSource() throws {
        var picker = PiecePicker(pieceCount: 2, seed: 5)
        picker.addSource("slow")
        picker.addSource("fast")
        let straggler = try self.take(&picker, for: "slow")
        let quick = try self.take(&picker, for: "fast")
        #expect(picker.received(quick, from: "fast") == [])
        #expect(picker.next(for: "fast") == straggler, "every missing piece is in flight: endgame")
        #expect(picker.next(for: "fast") == nil, "fast already has the only missing piece in flight")
        #expect(picker.received(straggler, from: "fast") == ["slow"])
        #expect(picker.inFlight(from: "slow").isEmpty)
        #expect(picker.isComplete)
    }

    @Test func noEndgameWhileAPieceIsStillPending() {
        var picker = PiecePicker(pieceCount: 2, seed: 5)
        picker.addSource("a", pieces: [0])
        picker.addSource("b", pieces: [0, 1])
        #expect(picker.next(for: "a") == 0)
        #expect(picker.next(for: "a") == nil, "piece 1 is pending, so piece 0 is not duplicated yet")
        #expect(picker.next(for: "b") == 1)
        #expect(picker.next(for: "b") == 0, "now everything missing is in flight")
    }

    @Test func endgamePrefersThePieceInFlightFromTheFewestSources() throws {
        var picker = PiecePicker(pieceCount: 2, seed: 11)
        for source in ["a", "b", "c", "d"] { picker.addSource(source) }
        let first = try self.take(&picker, for: "a")
        let second = try self.take(&picker, for: "b")
        let duplicated = try self.take(&picker, for: "c")
        #expect([first, second].contains(duplicated))
        #expect(picker.next(for: "d") == (duplicated == first ? second : first))
    }

    @Test func removingASourceReturnsItsPiecesToTheOthers() throws {
        var picker = PiecePicker(pieceCount: 4, seed: 2)
        picker.addSource("a")
        picker.addSource("b")
        let taken = try Set([self.take(&picker, for: "a"), self.take(&picker, for: "a")])
        picker.removeSource("a")
        #expect(picker.sources == ["b"])
        #expect(picker.inFlight(from: "a").isEmpty)
        #expect(picker.next(for: "a") == nil, "a is unknown now")
        #expect(Set(self.drain(&picker, for: "b")) == [0, 1, 2, 3])
        #expect(taken.isSubset(of: picker.inFlight(from: "b")))
    }

    @Test func aCorruptPieceIsAskedOfAnotherSourceNeverTheSameOne() throws {
        var picker = PiecePicker(pieceCount: 2, seed: 4)
        picker.addSource("bad")
        picker.addSource("good")
        let piece = try self.take(&picker, for: "bad")
        picker.rejected(piece, from: "bad", reason: .corrupt)
        #expect(picker.corruptPieces == ["bad": 1])
        #expect(!picker.isBanned("bad"))
        let other = try self.take(&picker, for: "bad")
        #expect(other != piece)
        #expect(picker.next(for: "bad") == nil, "the corrupt piece is excluded for bad")
        #expect(picker.next(for: "good") == piece)
        #expect(picker.next(for: "bad") == nil, "even in endgame")
        #expect(picker.received(piece, from: "good") == [])
    }

    @Test func anUnavailablePieceIsNotAskedAgainAndIsNotHeldAgainstTheSource() throws {
        var picker = PiecePicker(pieceCount: 1, seed: 4)
        picker.addSource("a")
        #expect(picker.next(for: "a") == 0)
        picker.rejected(0, from: "a", reason: .unavailable)
        #expect(picker.next(for: "a") == nil)
        #expect(picker.corruptPieces.isEmpty)
        #expect(picker.unobtainable == [0])
        picker.addSource("b")
        #expect(picker.next(for: "b") == 0)
        #expect(picker.unobtainable.isEmpty)
    }

    @Test func aSourceIsBannedAtItsThirdCorruptPiece() throws {
        var picker = PiecePicker(pieceCount: 10, seed: 6)
        picker.addSource("bad")
        for _ in 1...2 {
            let piece = try self.take(&picker, for: "bad")
            picker.rejected(piece, from: "bad", reason: .corrupt)
        }
        #expect(!picker.isBanned("bad"))
        let third = try self.take(&picker, for: "bad")
        let pendingAtBan = try self.take(&picker, for: "bad")
        picker.rejected(third, from: "bad", reason: .corrupt)
        #expect(picker.isBanned("bad"))
        #expect(picker.corruptPieces == ["bad": 3])
        #expect(picker.inFlight(from: "bad").isEmpty)
        #expect(picker.next(for: "bad") == nil)
        #expect(picker.unobtainable == Array(0..<10), "a banned source provides nothing")
        picker.removeSource("bad")
        picker.addSource("bad")
        #expect(picker.isBanned("bad"), "coming back does not lift the ban")
        picker.addSource("good")
        #expect(Set(self.drain(&picker, for: "good")) == Set(0..<10))
        #expect(picker.inFlight(from: "good").contains(pendingAtBan))
    }

    @Test func theBanThresholdIsConfigurable() throws {
        var picker = PiecePicker(pieceCount: 4, seed: 6, maxCorruptPieces: 1)
        picker.addSource("a")
        let piece = try self.take(&picker, for: "a")
        picker.rejected(piece, from: "a", reason: .corrupt)
        #expect(picker.isBanned("a"))
    }

    @Test func unobtainableListsThePiecesNoSourceCanGive() {
        var picker = PiecePicker(pieceCount: 5, have: [4], seed: 9)
        #expect(picker.unobtainable == [0, 1, 2, 3])
        picker.addSource("a", pieces: [0, 1, 99])
        picker.addSource("b", pieces: [1])
        #expect(picker.unobtainable == [2, 3])
        picker.rejected(0, from: "a", reason: .corrupt)
        picker.rejected(1, from: "a", reason: .unavailable)
        #expect(picker.unobtainable == [0, 2, 3], "b still has 1; nobody else has 0")
        picker.addSource("c", pieces: [2, 3])
        #expect(picker.unobtainable == [0])
        picker.addSource("c", pieces: [0, 2, 3])
        #expect(picker.unobtainable.isEmpty)
        picker.removeSource("c")
        #expect(picker.unobtainable == [0, 2, 3])
    }

    @Test func aDownloadFromThreeSourcesCompletesWhenOneVanishes() throws {
        let pieceCount = 200
        var picker = PiecePicker(pieceCount: pieceCount, seed: 42)
        var network = SplitMix64(seed: 99)
        picker.addSource("a")
        picker.addSource("b", pieces: Set((0..<pieceCount).filter { $0 % 3 != 0 }))
        picker.addSource("c", pieces: Set((0..<pieceCount).filter { $0 % 2 == 0 }))
        var deliveries = [Int](repeating: 0, count: pieceCount)
        var duplicatesCancelled = 0
        var steps = 0
        while !picker.isComplete && steps < 10_000 {
            steps += 1
            if steps == 60 { picker.removeSource("b") }
            for source in picker.sources {
                while picker.inFlight(from: source).count < 4, picker.next(for: source) != nil {}
            }
            let busy = picker.sources.filter { !picker.inFlight(from: $0).isEmpty }
            let chosen = busy.randomElement(using: &network)
            let source = try #require(chosen, "stuck with \(picker.missing) pieces missing")
            let piece = try #require(picker.inFlight(from: source).min())
            #expect(!picker.isHeld(piece), "a piece in flight is never already held")
            deliveries[piece] += 1
            duplicatesCancelled += picker.received(piece, from: source).count
        }
        #expect(picker.isComplete)
        #expect(picker.missing == 0)
        #expect(picker.held == Set(0..<pieceCount))
        #expect(deliveries.allSatisfy { $0 == 1 })
        #expect(duplicatesCancelled > 0, "the endgame asked for some straggler twice")
        #expect(picker.unobtainable.isEmpty)
        #expect(picker.sources == ["a", "c"])
    }
}
