import LabProto
import RaftCore

/// Encoding of outgoing peer messages in one call; decode incoming ones with a ``SnapshotAssembler``
/// per stream.
public enum RaftWireCodec {
    /// `messages` as wire messages, in order, snapshots split into chunks of `chunkSize` bytes.
    public static func encode(
        _ messages: [RaftMessage], chunkSize: Int = SnapshotChunker.defaultChunkSize
    ) -> [Distlab_Raftkv_V1_RaftMessage] {
        let chunker = SnapshotChunker(chunkSize: chunkSize)
        return messages.flatMap(chunker.encode)
    }
}
