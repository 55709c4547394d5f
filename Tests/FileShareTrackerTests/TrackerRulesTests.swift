import FileShareCore
import Foundation
import Testing
@testable import FileShareTracker

@Suite("Tracker rules (no HTTP)")
struct TrackerRulesTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test(arguments: ["", ".", "..", "../etc", "a/b", "/abs", "a\\b", "nul\u{0}byte", "tab\there", String(repeating: "x", count: 256)])
    func namesThatCouldEscapeAreRefused(_ name: String) {
        #expect(NameRule.problem(with: name) != nil)
    }

    @Test(arguments: ["report.pdf", "música.mp3", ".hidden", String(repeating: "x", count: 255)])
    func plainNamesAreAccepted(_ name: String) {
        #expect(NameRule.problem(with: name) == nil)
    }

    @Test func manifestIDIsDerivedAndChecked() throws {
        let manifest = sampleManifest("a.bin")
        try manifest.validate(at: "files[0]")
        var forged = manifest
        forged.id = String(repeating: "0", count: 64)
        #expect(throws: TrackerError.fileIDMismatch(field: "files[0].id", expected: manifest.id)) { try forged.validate(at: "files[0]") }
        var renamed = manifest
        renamed.name = "b.bin"
        #expect(FileManifest.derivedID(name: renamed.name, size: renamed.size, pieceSize: renamed.pieceSize, pieces: renamed.pieces) != manifest.id)
    }

    @Test func manifestFieldsAreNamedWhenWrong() {
        var badPiece = sampleManifest("a.bin")
        badPiece.pieces[1] = "xyz"
        #expect(throws: TrackerError.invalidField(field: "files[2].pieces[1]", problem: "is not 64 lowercase hex characters")) {
            try badPiece.validate(at: "files[2]")
        }
        var tooFew = sampleManifest("a.bin")
        tooFew.size += 1
        #expect(throws: TrackerError.invalidField(field: "f.pieces", problem: "has 3 hashes but size/pieceSize needs 4")) {
            try tooFew.validate(at: "f")
        }
    }

    @Test func throttleIsFreeThenDoublesUpToTheCap() {
        let throttle = LoginThrottle(freeFailures: 5, baseDelay: 1, maxDelay: 8)
        #expect((0...4).map { throttle.delay(afterFailures: $0) } == [0, 0, 0, 0, 0])
        #expect((5...9).map { throttle.delay(afterFailures: $0) } == [1, 2, 4, 8, 8])
        #expect(throttle.retryAfter(failures: 6, lastFailure: self.start, now: self.start + 0.5) == 2)
        #expect(throttle.retryAfter(failures: 6, lastFailure: self.start, now: self.start + 2) == nil)
        #expect(throttle.retryAfter(failures: 4, lastFailure: self.start, now: self.start) == nil)
    }

    @Test func sessionsAndPeersExpireAtTheirTTL() {
        let sessions = SessionRule(ttl: 60)
        let expiry = sessions.expiry(issuedAt: self.start)
        #expect(sessions.isValid(expiresAt: expiry, at: self.start + 59.9))
        #expect(!sessions.isValid(expiresAt: expiry, at: self.start + 60))
        let liveness = PeerLiveness(ttl: 30)
        #expect(!liveness.isExpired(lastSeen: self.start, at: self.start + 29.9))
        #expect(liveness.isExpired(lastSeen: self.start, at: self.start + 30))
        #expect(liveness.cutoff(at: self.start + 30) == self.start)
    }

    @Test func passwordsAreSaltedAndVerified() throws {
        let hasher = PasswordHasher(rounds: 1_000)
        let first = try hasher.hash("s3cret")
        let second = try hasher.hash("s3cret")
        #expect(first.salt != second.salt)
        #expect(first.key != second.key)
        #expect(try PasswordHasher.verify("s3cret", against: first))
        #expect(try !PasswordHasher.verify("s3cret!", against: first))
    }

    @Test func bearerTokensAreParsedAndStoredHashed() {
        let token = SessionToken.random()
        #expect(token.text.count == 64)
        #expect(SessionToken(authorization: "Bearer \(token.text)") == token)
        #expect(SessionToken(authorization: token.text) == nil)
        #expect(token.digest != token.text)
    }
}
