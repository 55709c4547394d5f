import NIOCore

/// A pipeline handler that writes each outbound `Message` as one line of JSON.
public struct JSONLineEncoder<Message: Encodable>: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Message

    /// The largest line this encoder writes, in bytes.
    public let maximumLineLength: Int

    /// Creates an encoder that refuses lines longer than `maximumLineLength` bytes.
    public init(maximumLineLength: Int = WireLimits.defaultMaximumMessageSize) {
        self.maximumLineLength = maximumLineLength
    }

    public func encode(data: Message, out: inout ByteBuffer) throws {
        var line = try JSONLineCoding.encode(data, maximumLength: self.maximumLineLength)
        out.writeBuffer(&line)
    }
}
