import LabWire
import NIOCore

/// A connection to a `LineServer`-style service: write one line, read one line back.
///
/// Use it through `LineClient.withConnection(…)`, which connects (with timeout and retries),
/// hands the open connection to a closure, and always closes it afterwards.
public struct LineClient {
    private var inbound: NIOAsyncChannelInboundStream<LineFrame>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let host: String
    private let port: Int

    /// Connects to `host:port`, runs `body` with the connection, and closes it.
    public static func withConnection<Result: Sendable>(
        host: String,
        port: Int,
        connector: TCPConnector = TCPConnector(),
        maximumLineLength: Int = WireLimits.defaultMaximumMessageSize,
        _ body: (inout LineClient) async throws -> Result
    ) async throws -> Result {
        let channel = try await connector.connect(host: host, port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    ByteToMessageHandler(NewlineDelimitedDecoder(maximumLineLength: maximumLineLength)))
                return try NIOAsyncChannel<LineFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        return try await channel.executeThenClose { inbound, outbound in
            var client = LineClient(inbound: inbound.makeAsyncIterator(), outbound: outbound, host: host, port: port)
            return try await body(&client)
        }
    }

    /// Sends `line` (a newline is appended) and waits for the next line of reply.
    public mutating func request(_ line: ByteBuffer) async throws -> ByteBuffer {
        var framed = line
        framed.writeInteger(UInt8(ascii: "\n"))
        try await self.outbound.write(framed)
        return try await self.nextLine()
    }

    /// Sends `request` as a JSON line and decodes the JSON line that answers it.
    public mutating func request<Request: Encodable, Reply: Decodable>(
        _ request: Request,
        expecting: Reply.Type
    ) async throws -> Reply {
        try await self.outbound.write(try JSONLineCoding.encode(request))
        return try JSONLineCoding.decode(Reply.self, from: try await self.nextLine())
    }

    /// Waits for the next line the server sends.
    public mutating func nextLine() async throws -> ByteBuffer {
        switch try await self.inbound.next() {
        case .line(let line):
            return line
        case .rejected(let error):
            throw NetError.badReply(host: self.host, port: self.port, reason: error.description)
        case nil:
            throw NetError.closedBeforeReply(host: self.host, port: self.port)
        }
    }
}
