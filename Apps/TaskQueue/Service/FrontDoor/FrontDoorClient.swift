import LabNet
import LabWire
import NIOCore

/// The client side of the front door: sends a request on a fresh connection and decodes the reply.
public struct FrontDoorClient: Sendable {
    public let host: String
    public let port: Int
    /// How connections are made (connect timeout, retries while the server starts).
    public var connector: TCPConnector

    /// A client of the front door at `host:port`.
    public init(host: String, port: Int, connector: TCPConnector = TCPConnector()) {
        self.host = host
        self.port = port
        self.connector = connector
    }

    /// Connects, sends `request`, and returns the decoded reply with the line as received.
    /// Throws `NetError` when the server cannot be reached or answers something that is not a reply.
    public func send(_ request: FrontDoorRequest) async throws -> (reply: FrontDoorReply, line: String) {
        let line = try jsonLine(request)
        let answer = try await LineClient.withConnection(host: self.host, port: self.port, connector: self.connector) { connection in
            try await connection.request(line)
        }
        do {
            return (try JSONLineCoding.decode(FrontDoorReply.self, from: answer), String(buffer: answer))
        } catch {
            throw NetError.badReply(host: self.host, port: self.port, reason: "\(error) in '\(String(buffer: answer))'")
        }
    }
}
