import Foundation
import LabProto
import RaftCore

/// Decodes the messages of one incoming peer stream, putting snapshot chunks back together.
///
/// Chunks of one snapshot (same index and term) must arrive in offset order. A chunk at offset 0,
/// or one for another snapshot, abandons the snapshot in progress and starts over (a leader that
/// restarted the transfer, or moved on to a newer snapshot). A chunk at any other offset than the
/// bytes received so far is an error, as is a snapshot larger than `sizeLimit`; both drop the
/// snapshot in progress. Messages other than chunks pass through without disturbing assembly.
public struct SnapshotAssembler: Sendable {
    /// 256 MiB.
    public static let defaultSizeLimit = 256 * 1024 * 1024

    /// The largest snapshot, in data bytes, that the assembler accepts.
    public let sizeLimit: Int
    private var pending: Pending?

    /// A snapshot whose last chunk has not arrived yet.
    private struct Pending: Sendable {
        var position: LogPosition
        var membership: Membership
        var data: Data
    }

    public init(sizeLimit: Int = SnapshotAssembler.defaultSizeLimit) {
        self.sizeLimit = sizeLimit
    }

    /// The index and term of the snapshot being assembled, if any.
    public var inProgress: LogPosition? { self.pending?.position }

    /// Decodes `message`: a chunk gives nil until the last chunk of its snapshot, which gives the whole
    /// `installSnapshot` message (sender, receiver and term from that last chunk's message).
    public mutating func add(_ message: Distlab_Raftkv_V1_RaftMessage) throws(RaftWireError) -> RaftMessage? {
        guard case .snapshotChunk(let chunk) = message.payload else { return try RaftMessage(proto: message) }
        let position = LogPosition(index: chunk.index, term: chunk.term)
        if chunk.offset == 0 || self.pending?.position != position {
            self.pending = nil
            guard chunk.offset == 0 else { throw .chunkOutOfOrder(snapshot: position, offset: chunk.offset, expected: 0) }
            guard chunk.hasMembership else { throw .missingField("snapshot_chunk.membership") }
            let membership = try Membership(proto: chunk.membership, field: "snapshot_chunk.membership")
            self.pending = Pending(position: position, membership: membership, data: Data())
        }
        let received = UInt64(self.pending?.data.count ?? 0)
        guard chunk.offset == received else {
            self.pending = nil
            throw .chunkOutOfOrder(snapshot: position, offset: chunk.offset, expected: received)
        }
        let size = received + UInt64(chunk.data.count)
        guard size <= UInt64(clamping: self.sizeLimit) else {
            self.pending = nil
            throw .snapshotTooLarge(snapshot: position, size: size, limit: self.sizeLimit)
        }
        self.pending?.data.append(chunk.data)
        guard chunk.last, let complete = self.pending else { return nil }
        self.pending = nil
        let snapshot = Snapshot(index: position.index, term: position.term, membership: complete.membership, data: complete.data)
        return RaftMessage(from: message.from, to: message.to, term: message.term, payload: .installSnapshot(snapshot))
    }
}
