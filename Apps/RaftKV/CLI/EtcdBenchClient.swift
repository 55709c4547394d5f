import GRPCCore

/// etcd as a bench client, through etcd's own gRPC API (service `etcdserverpb.KV`, the API its Go
/// client uses) over the same gRPC stack raftkv's clients use, so both sides pay the same client
/// costs. The two requests needed are encoded by hand: `PutRequest{key = 1, value = 2}` and
/// `RangeRequest{key = 1}` (serializable unset: a linearizable read, etcd's default).
///
/// etcd's Go gRPC server sends a PING for bandwidth estimation after most requests, and NIO's HTTP/2
/// denial-of-service heuristics drop a connection that receives too many control frames: every
/// few hundred requests the connection is dropped and made again. A request caught by that
/// (`unavailable`) is sent again after a short, growing pause (at most 10 times, about 0.1 s in
/// all), as raftkv's session and etcd's Go client retry.
struct EtcdBenchClient<Transport: ClientTransport>: BenchClient {
    let client: GRPCClient<Transport>

    private static var put: MethodDescriptor { MethodDescriptor(fullyQualifiedService: "etcdserverpb.KV", method: "Put") }
    private static var range: MethodDescriptor { MethodDescriptor(fullyQualifiedService: "etcdserverpb.KV", method: "Range") }

    func put(key: String, value: String) async throws {
        try await self.call(Self.put, Self.field(1, key) + Self.field(2, value))
    }

    func get(key: String) async throws {
        try await self.call(Self.range, Self.field(1, key))
    }

    /// Attempts at most per request.
    private static var attempts: Int { 10 }

    /// Calls wait for a connection being made again instead of failing at once.
    private static var options: CallOptions {
        var options = CallOptions.defaults
        options.waitForReady = true
        return options
    }

    /// Sends one unary request; the reply's content is not needed, only that it is not an error.
    private func call(_ method: MethodDescriptor, _ message: [UInt8]) async throws {
        for attempt in 1...Self.attempts {
            do {
                _ = try await self.client.unary(
                    request: ClientRequest(message: message), descriptor: method, serializer: RawProtobuf(), deserializer: RawProtobuf(),
                    options: Self.options
                ) { try $0.message }
                return
            } catch let error as RPCError where error.code == .unavailable && attempt < Self.attempts {
                try await Task.sleep(for: .milliseconds(2 * attempt))
            }
        }
    }

    /// A length-delimited protobuf field (wire type 2) holding the UTF-8 bytes of `text`.
    private static func field(_ number: UInt8, _ text: String) -> [UInt8] {
        var bytes: [UInt8] = [number << 3 | 2]
        var length = text.utf8.count
        while length >= 0x80 {
            bytes.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        return bytes + text.utf8
    }
}

/// Protobuf messages passed through as their encoded bytes.
private struct RawProtobuf: MessageSerializer, MessageDeserializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}
