import Foundation

/// The bytes of a command in a log entry: JSON with sorted keys, versioned, e.g.
/// `{"client":7,"op":{"key":"a","op":"put","value":"1"},"sequence":3,"v":1}`.
extension KVCommand {
    /// The encoding version this build writes and reads.
    public static let encodingVersion = 1

    private struct Envelope: Codable {
        var v: Int
        var client: UInt64
        var sequence: UInt64
        var op: KVOperation
    }

    private struct VersionProbe: Decodable {
        var v: Int?
    }

    /// The command's bytes for a log entry.
    public func encoded() -> Data {
        let envelope = Envelope(v: Self.encodingVersion, client: self.client, sequence: self.sequence, op: self.operation)
        do {
            return try KVJSON.encoder().encode(envelope)
        } catch {
            preconditionFailure("encoding a KVCommand cannot fail: \(error)")
        }
    }

    /// The command in `data`, or `.malformedCommand` naming what is wrong with it.
    public static func decode(_ data: Data) throws(KVError) -> KVCommand {
        guard !data.isEmpty else { throw .malformedCommand("no bytes (an empty log entry)") }
        let decoder = JSONDecoder()
        let version: Int?
        do {
            version = try decoder.decode(VersionProbe.self, from: data).v
        } catch {
            throw .malformedCommand(KVJSON.describe(error, data: data))
        }
        guard let version else { throw .malformedCommand("missing version field \"v\"") }
        guard version == Self.encodingVersion else {
            throw .malformedCommand("unsupported encoding version \(version) (this build reads version \(Self.encodingVersion))")
        }
        do {
            let envelope = try decoder.decode(Envelope.self, from: data)
            return KVCommand(client: envelope.client, sequence: envelope.sequence, operation: envelope.op)
        } catch {
            throw .malformedCommand(KVJSON.describe(error, data: data))
        }
    }
}
