import FileShareCore
import Foundation
import Testing
@testable import FileShareTracker

@Suite("Tracker accounts and sessions over HTTP")
struct TrackerAccountTests {
    @Test func firstLoginCreatesTheAccountAndAWrongPasswordIs401() async throws {
        let setup = try TrackerUnderTest()
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let first = try await client.login("ana", "s3cret")
            #expect(first.created)
            #expect(first.token.count == 64)
            #expect(first.expiresAt == setup.clock.now + 3_600)
            let again = try await client.login("ana", "s3cret")
            #expect(!again.created)
            #expect(again.token != first.token)
            let wrong = try await client.send(.post, "/login", json: TrackerAPI.LoginRequest(username: "ana", password: "nope"))
            #expect(wrong.status == .unauthorized)
            #expect(try wrong.error.error == "wrong password for ana")
        }
    }

    @Test func repeatedFailuresAreThrottledThenForgivenAfterTheWait() async throws {
        let setup = try TrackerUnderTest()
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            _ = try await client.login("bo", "right")
            let wrong = TrackerAPI.LoginRequest(username: "bo", password: "wrong")
            for _ in 1...5 {
                #expect(try await client.send(.post, "/login", json: wrong).status == .unauthorized)
            }
            let throttled = try await client.send(.post, "/login", json: TrackerAPI.LoginRequest(username: "bo", password: "right"))
            #expect(throttled.status == .tooManyRequests)
            #expect(try throttled.error.retryAfter == 1)
            #expect(throttled.headers[.retryAfter] == "1")
            setup.clock.advance(by: 1)
            _ = try await client.login("bo", "right")
            #expect(try await client.send(.post, "/login", json: wrong).status == .unauthorized)
        }
    }

    @Test func sessionNamesTheTokensUserAndRefusesMissingOrUnknownTokens() async throws {
        let setup = try TrackerUnderTest()
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let login = try await client.login("dee", "pw")
            let session = try await client.send(.get, "/session", token: login.token)
            #expect(session.status == .ok)
            #expect(try session.decode(TrackerAPI.SessionInfo.self) == TrackerAPI.SessionInfo(username: "dee", expiresAt: login.expiresAt))

            let missing = try await client.send(.get, "/session")
            #expect(missing.status == .unauthorized)
            #expect(try missing.error.error == "this endpoint needs a session token")
            let unknown = try await client.send(.get, "/session", token: String(repeating: "b", count: 64))
            #expect(unknown.status == .unauthorized)
            #expect(try unknown.error.error == "the session token is unknown or was logged out")
        }
    }

    @Test func callsNeedALiveToken() async throws {
        let setup = try TrackerUnderTest()
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let missing = try await client.send(.get, "/peers")
            #expect(missing.status == .unauthorized)
            #expect(try missing.error.error == "this endpoint needs a session token")
            #expect(try await client.send(.get, "/peers", token: String(repeating: "a", count: 64)).status == .unauthorized)

            let login = try await client.login("cy", "pw")
            #expect(try await client.send(.get, "/peers", token: login.token).status == .ok)
            setup.clock.advance(by: 3_600)
            let expired = try await client.send(.get, "/peers", token: login.token)
            #expect(expired.status == .unauthorized)
            #expect(try expired.error.error.contains("expired"))

            let fresh = try await client.login("cy", "pw")
            #expect(try await client.send(.post, "/logout", token: fresh.token).status == .ok)
            #expect(try await client.send(.get, "/peers", token: fresh.token).status == .unauthorized)
        }
    }
}
