import LabWire
import NIOCore
import TaskQueueCore

/// The front door's logic without sockets: one inbound line (or a line the framing rejected) in,
/// one reply out. Every request gets exactly one reply, and no request can end the connection.
public struct FrontDoorHandler: Sendable {
    /// The most dead letters one `dead` reply lists.
    public static let deadLetterLimit = 100

    /// The queue the requests go to.
    public let service: QueueService
    /// How long a sync submission waits for its task before answering `pending`.
    public let resultTimeout: Duration
    /// The operations submissions may name.
    public let operations: OperationRegistry

    /// A handler serving `service`, accepting the operations of `operations`.
    public init(service: QueueService, resultTimeout: Duration = .seconds(60), operations: OperationRegistry = .standard) {
        self.service = service
        self.resultTimeout = resultTimeout
        self.operations = operations
    }

    /// The reply line to `frame`, without its newline: `LineServer`'s handler.
    public func replyLine(to frame: LineFrame) async -> ByteBuffer {
        let reply = await self.reply(to: frame)
        do {
            return try jsonLine(reply)
        } catch {
            // Only an enormous result gets here; the short error reply always fits.
            return (try? jsonLine(FrontDoorReply.failure(.replyTooLarge(reason: "\(error)"), id: reply.id))) ?? ByteBuffer()
        }
    }

    /// The reply to `frame`.
    public func reply(to frame: LineFrame) async -> FrontDoorReply {
        switch frame {
        case .rejected(let error):
            return .failure(.malformed(error))
        case .line(let line):
            do {
                return try await self.serve(try FrontDoorRequest.parse(line, operations: self.operations))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Carries out a parsed request.
    public func serve(_ request: FrontDoorRequest) async throws(FrontDoorError) -> FrontDoorReply {
        switch request {
        case .submit(let submission, let mode):
            let outcome = try await self.queue("store the task") { try await self.service.submit(submission) }
            guard mode == .sync else { return .accepted(outcome) }
            let task = try await self.queue("wait for task \(outcome.task.id)") {
                try await self.service.awaitFinished(outcome.task, timeout: self.resultTimeout)
            }
            return .outcome(of: task)
        case .status(let id):
            return .status(of: try await self.existingTask(id))
        case .result(let id):
            return .outcome(of: try await self.existingTask(id))
        case .requeue(let id):
            return .status(of: try await self.queue("requeue task \(id)") { try await self.service.requeue(id: id) })
        case .stats:
            var reply = FrontDoorReply(status: .ok)
            reply.stats = try await self.queue("read the queue's counts") { try await self.service.stats() }
            return reply
        case .dead:
            var reply = FrontDoorReply(status: .ok)
            let dead = try await self.queue("list dead letters") { try await self.service.deadLetters(limit: Self.deadLetterLimit) }
            reply.dead = dead.map(DeadLetterSummary.init)
            return reply
        }
    }

    private func existingTask(_ id: String) async throws(FrontDoorError) -> TaskRecord {
        guard let task = try await self.queue("look up task \(id)", { try await self.service.task(id: id) }) else {
            throw .unknownTask(id: id)
        }
        return task
    }

    /// Runs a queue operation, translating its failures into front-door errors.
    private func queue<Value>(_ action: String, _ operation: () async throws -> Value) async throws(FrontDoorError) -> Value {
        do {
            return try await operation()
        } catch LeaseError.unknownTask(let id) {
            throw .unknownTask(id: id)
        } catch let error as LeaseError {
            throw .refused(error)
        } catch {
            throw .queueUnavailable(action: action, reason: "\(error)")
        }
    }
}
