import FileShareCore
import Foundation
import Hummingbird
import NIOCore

/// Reading size-limited JSON request bodies and writing JSON responses.
enum JSONBody {
    /// Collects at most `limit` bytes of `request`'s body and decodes a `T`, naming the bad field
    /// in the error.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw TrackerError.bodyTooLarge(limit: limit)
        }
        do {
            return try Self.decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw DecodingProblem.trackerError(for: error)
        }
    }

    /// A JSON response with `status`.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try Self.encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The decoder of request bodies (dates as ISO 8601).
    static var decoder: JSONDecoder { TrackerAPI.decoder }

    /// The encoder of responses (dates as ISO 8601, keys sorted for stable output).
    static var encoder: JSONEncoder { TrackerAPI.encoder }
}
