import NIOCore

/// Writes each outbound buffer as one frame: a 4-byte big-endian length, then the payload.
///
/// A payload over `maximumFrameLength` is refused with `WireError.outboundTooLarge` instead of
/// being sent to a peer that would reject it.
public struct LengthPrefixedFrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = ByteBuffer

    /// The largest payload this encoder sends, in bytes.
    public let maximumFrameLength: Int

    /// Creates an encoder that sends payloads of at most `maximumFrameLength` bytes.
    public init(maximumFrameLength: Int = WireLimits.defaultMaximumMessageSize) {
        self.maximumFrameLength = maximumFrameLength
    }

    public func encode(data: ByteBuffer, out: inout ByteBuffer) throws {
        try Self.writeFrame(data, into: &out, maximumFrameLength: self.maximumFrameLength)
    }

    /// Appends `payload` as one frame to `out`; usable without a pipeline (files, tests).
    public static func writeFrame(
        _ payload: ByteBuffer,
        into out: inout ByteBuffer,
        maximumFrameLength: Int = WireLimits.defaultMaximumMessageSize
    ) throws {
        guard payload.readableBytes <= maximumFrameLength else {
            throw WireError.outboundTooLarge(length: payload.readableBytes, limit: maximumFrameLength)
        }
        out.writeInteger(UInt32(payload.readableBytes))
        out.writeImmutableBuffer(payload)
    }
}
