import FileShareCore
import Synchronization

/// A peer's logged-in session at the tracker: logs in on first use and again when the token
/// stops working (401), so calls survive token expiry and tracker restarts.
final class TrackerSession: Sendable {
    let tracker: TrackerConnection
    private let username: String
    private let password: String
    private let token = Mutex<String?>(nil)

    init(tracker: TrackerConnection, username: String, password: String) {
        self.tracker = tracker
        self.username = username
        self.password = password
    }

    /// Runs `call` with a token, logging in first if needed and once more after a 401.
    func call<T: Sendable>(_ call: (TrackerConnection, String) async throws -> T) async throws -> T {
        do {
            return try await call(self.tracker, try await self.currentToken())
        } catch let error as TrackerCallError where error.needsLogin {
            self.token.withLock { $0 = nil }
            return try await call(self.tracker, try await self.currentToken())
        }
    }

    private func currentToken() async throws -> String {
        if let token = self.token.withLock({ $0 }) { return token }
        let login = try await self.tracker.login(username: self.username, password: self.password)
        self.token.withLock { $0 = login.token }
        return login.token
    }
}
