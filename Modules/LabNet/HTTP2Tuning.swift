/// HTTP/2 sizes for gRPC connections that carry bulk data (file pieces) rather than small
/// messages: larger frames mean fewer frame headers and copies per megabyte, and a larger flow
/// control window lets a sender keep several large messages in flight without waiting for the
/// receiver's window updates (gRPC's server default is 64 KiB, which caps a client-streaming
/// upload at a few tens of MB/s on loopback).
public struct HTTP2Tuning: Sendable, Hashable {
    /// The largest HTTP/2 frame this side accepts (16 KiB to 16 MiB - 1).
    public var maxFrameBytes: Int
    /// The flow-control window this side grants the other.
    public var windowBytes: Int

    public init(maxFrameBytes: Int, windowBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
        self.windowBytes = windowBytes
    }

    /// For moving files: 1 MiB frames, a 16 MiB window.
    public static let bulk = HTTP2Tuning(maxFrameBytes: 1 << 20, windowBytes: 16 << 20)
}
