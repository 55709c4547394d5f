/// The client sessions that make retried commands exactly-once, bounded in size.
///
/// The rule, for a command from `client` with `sequence`:
/// - no session and `sequence <= 1`: a new client; apply and open a session;
/// - no session and `sequence > 1`: the session was evicted (or never opened), so the command may
///   have been applied already: reject with ``KVError/sessionExpired(client:)``;
/// - `sequence` above the session's: apply and remember;
/// - `sequence` equal to the session's: a retry; return the remembered answer, apply nothing;
/// - `sequence` below the session's: reject with ``KVError/staleSequence(client:sequence:latest:)``.
///
/// Rejections and retries change no session. Beyond `maxSessions` the session applied at the lowest
/// log index is evicted (ties, impossible in a log, go to the lower client id), so every replica
/// evicts the same sessions.
struct KVSessionTable: Sendable, Hashable {
    enum Verdict: Sendable, Hashable {
        case apply
        case answer(KVResult)
    }

    private(set) var sessions: [UInt64: KVSession] = [:]

    init(sessions: [UInt64: KVSession] = [:]) {
        self.sessions = sessions
    }

    /// Whether `command` must be applied, or what to answer instead.
    func check(client: UInt64, sequence: UInt64) -> Verdict {
        guard let session = self.sessions[client] else {
            return sequence <= 1 ? .apply : .answer(.rejected(.sessionExpired(client: client)))
        }
        if sequence > session.sequence { return .apply }
        if sequence == session.sequence { return .answer(session.result) }
        return .answer(.rejected(.staleSequence(client: client, sequence: sequence, latest: session.sequence)))
    }

    /// Remembers the answer of a command just applied at `index`, evicting beyond `maxSessions`.
    mutating func record(client: UInt64, sequence: UInt64, result: KVResult, index: UInt64, maxSessions: Int) {
        self.sessions[client] = KVSession(sequence: sequence, result: result, lastIndex: index)
        while self.sessions.count > max(maxSessions, 0) {
            guard let oldest = self.sessions.min(by: { ($0.value.lastIndex, $0.key) < ($1.value.lastIndex, $1.key) })
            else { break }
            self.sessions[oldest.key] = nil
        }
    }
}
