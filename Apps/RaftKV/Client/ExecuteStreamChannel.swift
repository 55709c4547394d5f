import GRPCCore
import GRPCNIOTransportHTTP2
import LabNet
import LabProto
import Synchronization

/// One long-lived `KV.ExecuteStream` to a member or proxy, shared by every session on the
/// connection: each request is tagged with an id and its reply matched when it comes, in any order.
/// One HTTP/2 stream for all requests instead of one per request, which is what grpc-swift spends
/// most of a unary call's millisecond on.
///
/// When the stream breaks it is reopened with backoff; the requests in flight then fail, and a
/// session retries them elsewhere (with the same sequence, so a write is still applied once).
/// Requests made while the stream is being opened wait for it; those made between two attempts (a
/// backoff of up to a second) fail at once, and a session tries another member. A reply that does
/// not come within `replyTimeout` (a paused member answers nothing) fails its request, and a request
/// that failed or was cancelled before it left is not sent at all.
final class ExecuteStreamChannel: Sendable {
    /// The stream's own deadline: a year, so in practice none (the connection's default is for single calls).
    private static let streamTimeout: Duration = .seconds(365 * 86_400)

    let endpoint: HostAndPort
    private let replyTimeout: Duration
    private let state: Mutex<State>

    private struct Waiting {
        var deadline: ContinuousClock.Instant
        var reply: CheckedContinuation<Distlab_Raftkv_V1_KVReply, any Error>
    }

    private struct State {
        var lastID: UInt64 = 0
        /// Where requests go: the open (or opening) stream's queue; nil between attempts.
        var outbound: AsyncStream<Distlab_Raftkv_V1_TaggedKVRequest>.Continuation?
        /// The queue made for the first stream, before `run` takes it.
        var firstQueue: AsyncStream<Distlab_Raftkv_V1_TaggedKVRequest>?
        var waiting: [UInt64: Waiting] = [:]
        var shutDown = false
    }

    init(endpoint: HostAndPort, replyTimeout: Duration) {
        self.endpoint = endpoint
        self.replyTimeout = replyTimeout
        let (queue, outbound) = AsyncStream.makeStream(of: Distlab_Raftkv_V1_TaggedKVRequest.self)
        self.state = Mutex(State(outbound: outbound, firstQueue: queue))
    }

    /// Sends `request` and waits for its reply.
    func execute(_ request: Distlab_Raftkv_V1_KVRequest) async throws -> Distlab_Raftkv_V1_KVReply {
        let id = self.state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
        var tagged = Distlab_Raftkv_V1_TaggedKVRequest()
        tagged.id = id
        tagged.request = request
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { reply in
                let refusal: (any Error)? = self.state.withLock { state in
                    if Task.isCancelled { return CancellationError() }
                    guard let outbound = state.outbound else {
                        return state.shutDown ? ExecuteStreamError.closed(self.endpoint, "the client has shut down") : .reconnecting(self.endpoint)
                    }
                    state.waiting[id] = Waiting(deadline: .now + self.replyTimeout, reply: reply)
                    outbound.yield(tagged)
                    return nil
                }
                if let refusal { reply.resume(throwing: refusal) }
            }
        } onCancel: {
            self.state.withLock { $0.waiting.removeValue(forKey: id) }?.reply.resume(throwing: CancellationError())
        }
    }

    /// Keeps the stream open on `client` until cancelled, and fails requests whose reply is late.
    func run(on client: GRPCClient<HTTP2ClientTransport.Posix>) async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.expireLateRequests() }
            await self.keepOpen(on: client)
            group.cancelAll()
        }
    }

    private func keepOpen(on client: GRPCClient<HTTP2ClientTransport.Posix>) async {
        let kv = Distlab_Raftkv_V1_KV.Client(wrapping: client)
        let backoff = ExponentialBackoff(initialDelay: .milliseconds(50), maximumDelay: .seconds(1))
        var random = SystemRandomNumberGenerator()
        var options = CallOptions.defaults
        options.timeout = Self.streamTimeout
        let clock = ContinuousClock()
        var failures = 0
        while !Task.isCancelled {
            let started = clock.now
            let queue = self.state.withLock { state in
                if let first = state.firstQueue {
                    state.firstQueue = nil
                    return first
                }
                let (queue, outbound) = AsyncStream.makeStream(of: Distlab_Raftkv_V1_TaggedKVRequest.self)
                state.outbound = outbound
                return queue
            }
            var problem = "the server ended the stream"
            do {
                try await kv.executeStream(options: options) { writer in
                    for await request in queue where self.isWaiting(request.id) { try await writer.write(request) }
                } onResponse: { response in
                    for try await tagged in response.messages { self.deliver(tagged) }
                }
            } catch {
                problem = "\(error)"
            }
            self.failAll(with: .closed(self.endpoint, problem))
            // A stream that lived a while was a working connection: start backing off afresh.
            if clock.now - started > .seconds(1) { failures = 0 }
            failures += 1
            try? await Task.sleep(for: backoff.delay(afterAttempt: failures, using: &random))
        }
        self.state.withLock { $0.shutDown = true }
        self.failAll(with: .closed(self.endpoint, "the client is shutting down"))
    }

    private func isWaiting(_ id: UInt64) -> Bool {
        self.state.withLock { $0.waiting[id] != nil }
    }

    private func deliver(_ tagged: Distlab_Raftkv_V1_TaggedKVReply) {
        self.state.withLock { $0.waiting.removeValue(forKey: tagged.id) }?.reply.resume(returning: tagged.reply)
    }

    /// Ends the current queue and fails every request in flight.
    private func failAll(with error: ExecuteStreamError) {
        let orphans = self.state.withLock { state in
            state.outbound?.finish()
            state.outbound = nil
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for orphan in orphans { orphan.reply.resume(throwing: error) }
    }

    /// Every 100 ms, fails the requests that have waited longer than `replyTimeout`.
    private func expireLateRequests() async {
        while (try? await Task.sleep(for: .milliseconds(100))) != nil {
            let now = ContinuousClock.now
            let late = self.state.withLock { state in
                let late = state.waiting.filter { $0.value.deadline <= now }
                for id in late.keys { state.waiting.removeValue(forKey: id) }
                return Array(late.values)
            }
            for request in late { request.reply.resume(throwing: ExecuteStreamError.noReply(self.endpoint, after: self.replyTimeout)) }
        }
    }
}

/// Why a request sent on an `ExecuteStreamChannel` got no reply.
enum ExecuteStreamError: Error, CustomStringConvertible {
    /// The stream broke and is not open again yet.
    case reconnecting(HostAndPort)
    /// The stream ended while the request was in flight.
    case closed(HostAndPort, String)
    /// The stream is open but the reply did not come in time.
    case noReply(HostAndPort, after: Duration)

    var description: String {
        switch self {
        case .reconnecting(let endpoint): return "no stream to \(endpoint) (reconnecting)"
        case .closed(let endpoint, let why): return "stream to \(endpoint) closed: \(why)"
        case .noReply(let endpoint, let after): return "no reply from \(endpoint) within \(after) (is it paused or overloaded?)"
        }
    }
}
