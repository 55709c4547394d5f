import Foundation

/// Snapshots: the whole state (keys, sessions, applied index) as bytes that depend only on that
/// state, so replicas that applied the same commands produce byte-identical snapshots, and a
/// restored replica keeps answering retries exactly once.
extension KVStateMachine {
    /// The snapshot format this build writes and reads.
    public static let snapshotVersion = 1
    static let snapshotFormat = "distlab.raftkv.snapshot"

    private struct Image: Codable {
        struct Session: Codable {
            var client: UInt64
            var sequence: UInt64
            var lastIndex: UInt64
            var result: KVResult
        }

        var format: String
        var version: Int
        var appliedIndex: UInt64
        /// Sorted by key.
        var entries: [KVPair]
        /// Sorted by client.
        var sessions: [Session]
    }

    private struct Probe: Decodable {
        var format: String?
        var version: Int?
    }

    /// The state as JSON with sorted keys, entries sorted by key and sessions by client.
    public func snapshot() -> Data {
        let image = Image(
            format: Self.snapshotFormat,
            version: Self.snapshotVersion,
            appliedIndex: self.appliedIndex,
            entries: self.store.keys.sorted().map { KVPair(key: $0, value: self.store[$0]!) },
            sessions: self.sessions.sessions.keys.sorted().map { client in
                let session = self.sessions.sessions[client]!
                return Image.Session(client: client, sequence: session.sequence,
                                     lastIndex: session.lastIndex, result: session.result)
            }
        )
        do {
            return try KVJSON.encoder().encode(image)
        } catch {
            preconditionFailure("encoding a KV snapshot cannot fail: \(error)")
        }
    }

    /// The state machine a ``snapshot()`` describes, or `.malformedSnapshot` naming the problem.
    public init(snapshot data: Data, limits: KVLimits = .init()) throws(KVError) {
        guard !data.isEmpty else { throw .malformedSnapshot("no bytes") }
        let decoder = JSONDecoder()
        let probe: Probe
        do {
            probe = try decoder.decode(Probe.self, from: data)
        } catch {
            throw .malformedSnapshot(KVJSON.describe(error, data: data))
        }
        guard probe.format == Self.snapshotFormat else {
            throw .malformedSnapshot("format is \(probe.format.map { "\"\($0)\"" } ?? "missing"), expected \"\(Self.snapshotFormat)\"")
        }
        guard probe.version == Self.snapshotVersion else {
            throw .malformedSnapshot("unsupported version \(probe.version.map(String.init) ?? "(missing)") "
                + "(this build reads version \(Self.snapshotVersion))")
        }
        let image: Image
        do {
            image = try decoder.decode(Image.self, from: data)
        } catch {
            throw .malformedSnapshot(KVJSON.describe(error, data: data))
        }
        var store: [String: String] = [:]
        store.reserveCapacity(image.entries.count)
        for entry in image.entries {
            guard store.updateValue(entry.value, forKey: entry.key) == nil else {
                throw .malformedSnapshot("key \(entry.key.debugDescription) appears twice")
            }
        }
        var sessions: [UInt64: KVSession] = [:]
        for session in image.sessions {
            guard session.lastIndex <= image.appliedIndex else {
                throw .malformedSnapshot("session of client \(session.client) was applied at index \(session.lastIndex), "
                    + "after the snapshot's applied index \(image.appliedIndex)")
            }
            let value = KVSession(sequence: session.sequence, result: session.result, lastIndex: session.lastIndex)
            guard sessions.updateValue(value, forKey: session.client) == nil else {
                throw .malformedSnapshot("client \(session.client) has two sessions")
            }
        }
        self.init(limits: limits)
        self.appliedIndex = image.appliedIndex
        self.store = store
        self.sessions = KVSessionTable(sessions: sessions)
    }
}
