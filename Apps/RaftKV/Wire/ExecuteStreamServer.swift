import GRPCCore
import LabProto

/// The server side of `KV.ExecuteStream`, shared by a node and a proxy: reads tagged requests, starts
/// each as soon as it arrives (many at once, so one client's slow write does not hold up another's
/// read), and writes every reply tagged with its request's id as soon as it is ready. At most
/// ``limit`` requests are in flight per stream (read and not yet answered and written); beyond
/// that it waits for one to finish before taking the next, so a client cannot queue unbounded work.
public struct ExecuteStreamServer: Sendable {
    /// Requests one stream may have in flight at once.
    public static let limit = 1024

    /// Answers one request by calling its reply function, exactly once, from any thread.
    public typealias Start = @Sendable (Distlab_Raftkv_V1_KVRequest, _ reply: @escaping @Sendable (Distlab_Raftkv_V1_KVReply) -> Void) -> Void
    /// Answers one request by returning the reply.
    public typealias Execute = @Sendable (Distlab_Raftkv_V1_KVRequest) async -> Distlab_Raftkv_V1_KVReply

    private enum Handler: Sendable {
        case start(Start)
        case execute(Execute)
    }

    private let handler: Handler

    /// Serves streams with `start`, which hands each request on and replies when it is done: no task
    /// is spent per request (a node's loop calls the reply).
    public init(start: @escaping Start) { self.handler = .start(start) }

    /// Serves streams with `execute`, run in a task of its own per request (a proxy's forwarding).
    public init(execute: @escaping Execute) { self.handler = .execute(execute) }

    /// Serves one stream until the client ends it and every request read has been answered, or
    /// until gRPC cancels the RPC (the server shuts down, the client went away).
    public func serve(
        _ requests: RPCAsyncSequence<Distlab_Raftkv_V1_TaggedKVRequest, any Error>, replyingTo writer: RPCWriter<Distlab_Raftkv_V1_TaggedKVReply>,
        context: ServerContext
    ) async throws {
        let (replies, reply) = AsyncStream.makeStream(of: Distlab_Raftkv_V1_TaggedKVReply.self)
        // A request holds a slot until its reply is written: a client that stops reading its
        // replies stops being read from.
        let (slots, slot) = AsyncStream.makeStream(of: Void.self)
        for _ in 0..<Self.limit { slot.yield() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in replies {
                    try await writer.write(message)
                    slot.yield()
                }
            }
            group.addTask {
                defer { reply.finish() }
                try await self.read(requests, starting: reply, slots: slots)
            }
            group.addTask {
                // gRPC cancels an RPC through its context, not by cancelling this task.
                try? await context.cancellation.cancelled
                if !Task.isCancelled { throw CancellationError() }
            }
            // The writer and the reader, unless one of the three threw (and the others are cancelled).
            try await group.next()
            try await group.next()
            group.cancelAll()
        }
    }

    /// Starts every request read, once a slot is free, and returns when all have been answered.
    private func read(
        _ requests: RPCAsyncSequence<Distlab_Raftkv_V1_TaggedKVRequest, any Error>,
        starting reply: AsyncStream<Distlab_Raftkv_V1_TaggedKVReply>.Continuation, slots: AsyncStream<Void>
    ) async throws {
        try await withThrowingDiscardingTaskGroup { running in
            var free = slots.makeAsyncIterator()
            for try await tagged in requests {
                _ = await free.next()
                let answer: @Sendable (Distlab_Raftkv_V1_KVReply) -> Void = { answer in
                    var message = Distlab_Raftkv_V1_TaggedKVReply()
                    message.id = tagged.id
                    message.reply = answer
                    reply.yield(message)
                }
                switch self.handler {
                case .start(let start): start(tagged.request, answer)
                case .execute(let execute): running.addTask { answer(await execute(tagged.request)) }
                }
            }
            // Every slot back means every reply has been written.
            for _ in 0..<Self.limit {
                guard await free.next() != nil else { throw CancellationError() }
            }
        }
    }
}
