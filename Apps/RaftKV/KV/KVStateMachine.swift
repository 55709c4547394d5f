import Foundation

/// The replicated key-value store: a deterministic state machine that Raft feeds committed commands.
///
/// Every replica that applies the same commands at the same indexes holds the same state and
/// produces byte-identical ``snapshot()``s. No IO, no clocks, no randomness.
public struct KVStateMachine: Sendable {
    /// The limits every operation is checked against; the same on every replica.
    public let limits: KVLimits
    /// The log index of the last command applied (0 before any).
    public internal(set) var appliedIndex: UInt64 = 0
    var store: [String: String] = [:]
    var sessions = KVSessionTable()

    public init(limits: KVLimits = .init()) {
        self.limits = limits
    }

    /// The number of keys stored.
    public var count: Int { self.store.count }

    /// The number of client sessions remembered.
    public var sessionCount: Int { self.sessions.sessions.count }

    /// The session of `client`, if the store still remembers one.
    public func session(of client: UInt64) -> KVSession? { self.sessions.sessions[client] }

    /// Applies the command committed at log `index` and returns its answer.
    ///
    /// Exactly-once follows the rule of ``KVSessionTable``: a new sequence is applied and its
    /// answer remembered, a retry of the last sequence gets the remembered answer without applying
    /// it again, an older sequence is rejected with `.staleSequence`, and an unknown client whose
    /// sequence is above 1 (its session was evicted) with `.sessionExpired`. Invalid input is
    /// answered with `.rejected` and counts as applied. An `index` at or below ``appliedIndex``
    /// changes nothing and is answered with `.indexAlreadyApplied`; gaps (noop and membership
    /// entries) are fine.
    public mutating func apply(_ command: KVCommand, at index: UInt64) -> KVResult {
        guard index > self.appliedIndex else {
            return .rejected(.indexAlreadyApplied(index: index, appliedIndex: self.appliedIndex))
        }
        self.appliedIndex = index
        switch self.sessions.check(client: command.client, sequence: command.sequence) {
        case .answer(let result):
            return result
        case .apply:
            let result = self.execute(command.operation)
            self.sessions.record(client: command.client, sequence: command.sequence, result: result,
                                 index: index, maxSessions: self.limits.maxSessions)
            return result
        }
    }

    /// Applies the log entry bytes at `index`: like ``apply(_:at:)`` after ``KVCommand/decode(_:)``,
    /// answering `.malformedCommand` (and still advancing ``appliedIndex``) when they do not decode.
    public mutating func apply(encoded data: Data, at index: UInt64) -> KVResult {
        do {
            return self.apply(try KVCommand.decode(data), at: index)
        } catch {
            guard index > self.appliedIndex else {
                return .rejected(.indexAlreadyApplied(index: index, appliedIndex: self.appliedIndex))
            }
            self.appliedIndex = index
            return .rejected(error)
        }
    }

    /// Answers a `get` or `list` from the current state, for reads served locally once a ReadIndex
    /// confirms this replica is up to date. Writes are answered with `.notARead`.
    public func read(_ op: KVOperation) -> KVResult {
        guard op.isRead else { return .rejected(.notARead(operation: op.name)) }
        do {
            try self.limits.validate(op)
        } catch {
            return .rejected(error)
        }
        switch op {
        case .get(let key): return .value(self.store[key])
        case .list(let prefix, let limit): return .entries(self.list(prefix: prefix, limit: limit))
        case .put, .delete, .append, .cas: preconditionFailure("isRead is false for writes")
        }
    }

    private mutating func execute(_ op: KVOperation) -> KVResult {
        do {
            try self.limits.validate(op)
        } catch {
            return .rejected(error)
        }
        switch op {
        case .get(let key):
            return .value(self.store[key])
        case .list(let prefix, let limit):
            return .entries(self.list(prefix: prefix, limit: limit))
        case .put(let key, let value):
            self.store[key] = value
            return .done
        case .delete(let key):
            self.store[key] = nil
            return .done
        case .append(let key, let suffix):
            let value = (self.store[key] ?? "") + suffix
            do {
                try self.limits.validate(value: value)
            } catch {
                return .rejected(error)
            }
            self.store[key] = value
            return .done
        case .cas(let key, let expected, let new):
            let current = self.store[key]
            guard current == expected else { return .cas(succeeded: false, current: current) }
            self.store[key] = new
            return .cas(succeeded: true, current: new)
        }
    }

    /// The keys starting with `prefix`, sorted, at most `limit` of them.
    private func list(prefix: String, limit: Int) -> [KVPair] {
        guard limit > 0 else { return [] }
        let keys = self.store.keys.filter { $0.hasPrefix(prefix) }.sorted()
        return keys.prefix(limit).map { KVPair(key: $0, value: self.store[$0]!) }
    }
}
