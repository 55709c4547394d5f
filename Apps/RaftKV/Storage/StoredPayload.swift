import Foundation
import RaftCore

/// A log entry's payload as it is stored: the `kind` and `data` columns of `entries`.
struct StoredPayload {
    /// The `kind` column.
    enum Kind: Int64 {
        case command = 0
        case noop = 1
        case membership = 2
    }

    var kind: Kind
    /// Command bytes, membership JSON, or nil for a no-op.
    var data: Data?

    init(_ payload: LogEntry.Payload) throws {
        switch payload {
        case .command(let bytes): self.init(kind: .command, data: bytes)
        case .noop: self.init(kind: .noop, data: nil)
        case .membership(let membership): self.init(kind: .membership, data: try MembershipCoding.encode(membership))
        }
    }

    init(kind: Kind, data: Data?) {
        self.kind = kind
        self.data = data
    }

    /// Decodes the columns of the entry at `index`.
    static func payload(kind rawKind: Int64, data: Data?, index: LogIndex) throws(RaftStorageError) -> LogEntry.Payload {
        switch Kind(rawValue: rawKind) {
        case .command:
            guard let data else { throw .corruptEntry(index: index, reason: "command entry without data") }
            return .command(data)
        case .noop:
            return .noop
        case .membership:
            guard let data else { throw .corruptEntry(index: index, reason: "membership entry without data") }
            return .membership(try MembershipCoding.decode(data, index: index))
        case nil:
            throw .corruptEntry(index: index, reason: "unknown kind \(rawKind), expected 0 (command), 1 (noop) or 2 (membership)")
        }
    }
}
