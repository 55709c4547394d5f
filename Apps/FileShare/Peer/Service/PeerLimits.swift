import FileShareCore

/// Sizes a peer enforces on the wire and on disk.
public enum PeerLimits {
    /// The default piece size of files a peer stores: 1 MiB.
    public static let defaultPieceSize = 1 << 20
    /// The largest gRPC message, sized for the largest piece a manifest may have plus framing.
    public static let maxMessageBytes = FileManifest.pieceSizes.upperBound + (64 << 10)
    /// Bytes per upload chunk sent by the client.
    public static let uploadChunkBytes = 1 << 20
    /// The largest file a peer accepts in one upload: 64 GiB.
    public static let maxFileBytes: Int64 = 64 << 30
}
