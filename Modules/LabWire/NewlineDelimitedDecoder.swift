import NIOCore

/// Splits a byte stream into `\n`-terminated lines of at most `maximumLineLength` bytes.
///
/// Unlike a decoder that throws on an oversized line, this one keeps the connection usable: the
/// oversized line is discarded up to its newline and a single `.rejected(.lineTooLong)` is
/// emitted in its place, so a server can reply with an error and read the next line. At most
/// `maximumLineLength + 1` bytes are ever buffered. A final line without a newline at end of
/// stream is still delivered, as line-oriented tools such as `nc` expect.
public struct NewlineDelimitedDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = LineFrame

    /// The longest line accepted, in bytes, not counting the newline.
    public let maximumLineLength: Int
    private var discardingOversizedLine = false
    private var scannedBytes = 0

    /// Creates a decoder that accepts lines of at most `maximumLineLength` bytes.
    public init(maximumLineLength: Int = WireLimits.defaultMaximumMessageSize) {
        precondition(maximumLineLength > 0)
        self.maximumLineLength = maximumLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = self.nextFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        if let frame = self.nextFrame(from: &buffer) {
            context.fireChannelRead(Self.wrapInboundOut(frame))
            return .continue
        }
        if let frame = self.finalUnterminatedLine(from: &buffer) {
            context.fireChannelRead(Self.wrapInboundOut(frame))
        }
        return .needMoreData
    }

    /// Takes the next line (or rejection) off the front of `buffer`, or returns nil when more
    /// bytes are needed. This is the whole framing rule; the NIO entry points only forward to it.
    public mutating func nextFrame(from buffer: inout ByteBuffer) -> LineFrame? {
        while true {
            let view = buffer.readableBytesView
            let searchStart = view.index(view.startIndex, offsetBy: self.scannedBytes)
            guard let newline = view[searchStart...].firstIndex(of: UInt8(ascii: "\n")) else {
                self.scannedBytes = view.count
                return self.handleMissingNewline(in: &buffer)
            }
            let lineLength = newline - view.startIndex
            self.scannedBytes = 0
            if self.discardingOversizedLine {
                buffer.moveReaderIndex(forwardBy: lineLength + 1)
                self.discardingOversizedLine = false
                continue
            }
            if lineLength > self.maximumLineLength {
                buffer.moveReaderIndex(forwardBy: lineLength + 1)
                return .rejected(.lineTooLong(limit: self.maximumLineLength))
            }
            var line = buffer.readSlice(length: lineLength)!
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytesView.last == UInt8(ascii: "\r") {
                line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)!
            }
            return .line(line)
        }
    }

    private mutating func handleMissingNewline(in buffer: inout ByteBuffer) -> LineFrame? {
        if self.discardingOversizedLine {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            self.scannedBytes = 0
            return nil
        }
        guard buffer.readableBytes > self.maximumLineLength else { return nil }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        self.scannedBytes = 0
        self.discardingOversizedLine = true
        return .rejected(.lineTooLong(limit: self.maximumLineLength))
    }

    private mutating func finalUnterminatedLine(from buffer: inout ByteBuffer) -> LineFrame? {
        defer { self.scannedBytes = 0 }
        guard !self.discardingOversizedLine, buffer.readableBytes > 0 else {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            return nil
        }
        return .line(buffer.readSlice(length: buffer.readableBytes)!)
    }
}
