import NIOCore

/// Splits a byte stream into frames that each start with a 4-byte big-endian length.
///
/// A frame that announces more than `maximumFrameLength` bytes is rejected with
/// `WireError.frameTooLarge` before any of its payload is buffered, so a hostile or broken peer
/// cannot make the receiver allocate without bound. A stream that ends mid-frame yields
/// `WireError.truncatedFrame`. Both errors reach the pipeline's `errorCaught`; a framed stream
/// cannot be resynchronised, so the usual response is to close the connection.
public struct LengthPrefixedFrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    /// The size of the length prefix in bytes.
    public static let headerLength = 4

    /// The largest payload accepted, in bytes.
    public let maximumFrameLength: Int

    /// Creates a decoder that accepts payloads of at most `maximumFrameLength` bytes.
    public init(maximumFrameLength: Int = WireLimits.defaultMaximumMessageSize) {
        precondition(maximumFrameLength >= 0 && maximumFrameLength <= Int(UInt32.max))
        self.maximumFrameLength = maximumFrameLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try self.nextFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        if let frame = try self.nextFrame(from: &buffer) {
            context.fireChannelRead(Self.wrapInboundOut(frame))
            return .continue
        }
        guard buffer.readableBytes > 0 else { return .needMoreData }
        let announced = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self).map(Int.init)
        let received = max(0, buffer.readableBytes - Self.headerLength)
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        throw WireError.truncatedFrame(expected: announced ?? Self.headerLength, received: received)
    }

    /// Takes one complete frame off the front of `buffer`, or returns nil if it has not all arrived.
    /// This is the whole framing rule; the NIO entry points above only forward to it.
    public func nextFrame(from buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self).map(Int.init) else {
            return nil
        }
        guard length <= self.maximumFrameLength else {
            throw WireError.frameTooLarge(length: length, limit: self.maximumFrameLength)
        }
        guard buffer.readableBytes >= Self.headerLength + length else { return nil }
        buffer.moveReaderIndex(forwardBy: Self.headerLength)
        return buffer.readSlice(length: length)
    }
}
