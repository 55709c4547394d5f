import GRPCCore
import LabProto

/// The server side of `KV.ExecuteStream`, shared by a node and a proxy: reads tagged requests, runs
/// each with `execute` as soon as it arrives (many at once, so one client's slow write does not hold
/// up another's read), and writes every reply tagged with its request's id as soon as it is ready.
/// At most ``limit`` requests run at once per stream; beyond that it stops reading until one ends,
/// so a client cannot queue unbounded work.
public struct ExecuteStreamServer: Sendable {
    /// Requests one stream may have running at once.
    public static let limit = 1024

    private let execute: @Sendable (Distlab_Raftkv_V1_KVRequest) async -> Distlab_Raftkv_V1_KVReply

    /// Serves streams with `execute`, which answers one request (errors become replies).
    public init(execute: @escaping @Sendable (Distlab_Raftkv_V1_KVRequest) async -> Distlab_Raftkv_V1_KVReply) {
        self.execute = execute
    }

    /// Serves one stream until the client ends it and every request read has been answered.
    public func serve(
        _ requests: RPCAsyncSequence<Distlab_Raftkv_V1_TaggedKVRequest, any Error>, replyingTo writer: RPCWriter<Distlab_Raftkv_V1_TaggedKVReply>
    ) async throws {
        // Replies go through one writer task; a finished request hands back its slot.
        let (replies, reply) = AsyncStream.makeStream(of: Distlab_Raftkv_V1_TaggedKVReply.self)
        let (slots, slot) = AsyncStream.makeStream(of: Void.self)
        for _ in 0..<Self.limit { slot.yield() }
        try await withThrowingTaskGroup(of: Void.self) { writing in
            writing.addTask {
                for await message in replies { try await writer.write(message) }
            }
            defer { reply.finish() }
            try await withThrowingDiscardingTaskGroup { running in
                var free = slots.makeAsyncIterator()
                for try await tagged in requests {
                    _ = await free.next()
                    running.addTask {
                        var message = Distlab_Raftkv_V1_TaggedKVReply()
                        message.id = tagged.id
                        message.reply = await self.execute(tagged.request)
                        reply.yield(message)
                        slot.yield()
                    }
                }
            }
            reply.finish()
            try await writing.next()
        }
    }
}
