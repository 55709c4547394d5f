import Foundation

/// One entry of the replicated log.
public struct LogEntry: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What an entry carries.
    public enum Payload: Sendable, Hashable, Codable {
        /// An application command, opaque to Raft.
        case command(Data)
        /// The empty entry a new leader appends so that it can commit entries of earlier terms
        /// (extended Raft paper, §5.4.2 and §8).
        case noop
        /// The membership from this entry on, effective on every node as soon as it is appended
        /// (not when committed). A brand-new cluster's log starts with one at index 1, term 0.
        case membership(Membership)
    }

    public var index: LogIndex
    public var term: Term
    public var payload: Payload

    public init(index: LogIndex, term: Term, payload: Payload) {
        self.index = index
        self.term = term
        self.payload = payload
    }

    public var position: LogPosition { LogPosition(index: self.index, term: self.term) }

    /// The bytes this entry adds to a message, for batching limits.
    public var byteCount: Int {
        switch self.payload {
        case .command(let data): return 16 + data.count
        case .noop: return 16
        case .membership(let membership): return 16 + 8 * membership.members.count
        }
    }

    public var description: String {
        switch self.payload {
        case .command(let data): return "\(self.position) cmd(\(data.count)B)"
        case .noop: return "\(self.position) noop"
        case .membership(let membership): return "\(self.position) \(membership)"
        }
    }
}
