import Foundation
import LabProto
import RaftCore

/// Splits an `installSnapshot` message into `snapshot_chunk` messages of at most `chunkSize` data
/// bytes each, in offset order, the last one marked `last`. An empty snapshot is one chunk. Every
/// chunk carries the snapshot's index, term and membership. ``SnapshotAssembler`` puts them together.
public struct SnapshotChunker: Sendable, Hashable {
    /// 512 KiB: well under gRPC's default 4 MiB message limit, large enough to stream efficiently.
    public static let defaultChunkSize = 512 * 1024

    /// The most snapshot data bytes per chunk; at least 1.
    public let chunkSize: Int

    public init(chunkSize: Int = SnapshotChunker.defaultChunkSize) {
        precondition(chunkSize > 0, "SnapshotChunker needs a chunk size of at least 1 byte, not \(chunkSize)")
        self.chunkSize = chunkSize
    }

    /// `message` as wire messages: the chunks of a snapshot, or any other message as its one ``RaftMessage/proto``.
    public func encode(_ message: RaftMessage) -> [Distlab_Raftkv_V1_RaftMessage] {
        guard case .installSnapshot(let snapshot) = message.payload else { return [message.proto] }
        let data = snapshot.data
        return stride(from: 0, to: max(data.count, 1), by: self.chunkSize).map { start in
            let end = start + min(self.chunkSize, data.count - start)
            let piece = Data(data[(data.startIndex + start)..<(data.startIndex + end)])
            var proto = message.protoHeader
            proto.snapshotChunk = Self.chunk(of: snapshot, offset: start, data: piece, last: end == data.count)
            return proto
        }
    }

    /// One chunk of `snapshot`: `data` found at `offset`.
    static func chunk(of snapshot: Snapshot, offset: Int, data: Data, last: Bool) -> Distlab_Raftkv_V1_SnapshotChunk {
        var chunk = Distlab_Raftkv_V1_SnapshotChunk()
        chunk.index = snapshot.index
        chunk.term = snapshot.term
        chunk.membership = snapshot.membership.proto
        chunk.offset = UInt64(offset)
        chunk.data = data
        chunk.last = last
        return chunk
    }
}
