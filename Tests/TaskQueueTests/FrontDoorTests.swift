import Foundation
import LabNet
import LabTestSupport
import LabWire
import Logging
import NIOCore
import TaskQueueCore
import TaskQueueService
import Testing

@Suite("Front door", .timeLimit(.minutes(1)))
struct FrontDoorTests {
    @Test("the seed's request answers HOLA MUNDO with the worker, the task id and an artifact that exists")
    func seedRequest() async throws {
        try await FrontDoorFixture.run { fixture in
            let line = try await fixture.exchange([#"{"op":"uppercase","data":"hola mundo"}"#])[0]
            let fields = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(fields["id"] as? String)
            #expect(fields["status"] as? String == "ok")
            #expect(fields["result"] as? String == "HOLA MUNDO")
            #expect(fields["worker"] as? String == "test-worker-1")
            #expect(fields["attempts"] as? Int == 1)
            #expect(fields["artifact"] as? String == "results/\(id).json")
            #expect(Set(fields.keys) == ["status", "worker", "result", "id", "attempts", "artifact"])
            #expect(fixture.service.artifacts.exists(id))
            let stored = try #require(try await fixture.service.task(id: id))
            #expect(stored.state == .done && stored.result == "HOLA MUNDO")
        }
    }

    @Test("hash answers the SHA-256 of the UTF-8 data in lowercase hex")
    func hash() async throws {
        try await FrontDoorFixture.run { fixture in
            let reply = try await fixture.replies([#"{"op":"hash","data":"hola"}"#])[0]
            #expect(reply.status == .ok)
            #expect(reply.result == "b221d9dbb083a7f33428d7c2a3c3198ae925614d70210e28716ccaa7cd4ddb79")
        }
    }

    @Test("a request without op runs echo, as in the seed")
    func missingOpIsEcho() async throws {
        try await FrontDoorFixture.run { fixture in
            let reply = try await fixture.replies([#"{"data":"sin operación"}"#])[0]
            #expect(reply.status == .ok && reply.result == "sin operación")
            let task = try #require(try await fixture.service.task(id: reply.id ?? ""))
            #expect(task.op == "echo")
        }
    }

    @Test("async answers the id at once; status and result follow the task from queued to done")
    func asyncStatusAndResult() async throws {
        // No worker runs: the test leases and completes the task itself, so every state is seen.
        try await FrontDoorFixture.run(workers: 0) { fixture in
            let client = fixture.client
            let accepted = try await client.send(.submit(TaskSubmission(op: "uppercase", data: "despacio"), mode: .async)).reply
            #expect(accepted.status == .accepted && accepted.created == true)
            let id = try #require(accepted.id)

            let queued = try await client.send(.status(id: id)).reply
            #expect(queued.status == .ok && queued.state == .queued && queued.attempts == 0)
            let notYet = try await client.send(.result(id: id)).reply
            #expect(notYet.status == .pending && notYet.id == id && notYet.state == .queued)

            let leased = try #require(try await fixture.service.lease(worker: "by-hand", limit: 1, wait: .zero).first)
            #expect(try await client.send(.status(id: id)).reply.state == .leased)
            _ = try await fixture.service.complete(id: id, token: try #require(leased.leaseToken), result: "DESPACIO", worker: "by-hand")

            let done = try await client.send(.status(id: id)).reply
            #expect(done.state == .done && done.attempts == 1)
            let result = try await client.send(.result(id: id)).reply
            #expect(result.status == .ok && result.result == "DESPACIO" && result.worker == "by-hand")
            #expect(result.artifact == "results/\(id).json")
        }
    }

    @Test("the same key twice is one task: the second submission reports created false and the same id")
    func idempotentKey() async throws {
        try await FrontDoorFixture.run(workers: 0) { fixture in
            let client = fixture.client
            let submission = TaskSubmission(op: "hash", data: "texto", key: "pedido-42")
            let first = try await client.send(.submit(submission, mode: .async)).reply
            let second = try await client.send(.submit(submission, mode: .async)).reply
            #expect(first.status == .accepted && first.created == true)
            #expect(second.status == .accepted && second.created == false)
            #expect(second.id == first.id)
            #expect(try await fixture.service.stats().depth == 1)
        }
    }

    @Test("a task that keeps failing answers an error with its attempts and last error; dead lists it and requeue revives it")
    func deadTask() async throws {
        let policy = QueuePolicy(maxAttempts: 2, retryBaseDelay: .milliseconds(10))
        try await FrontDoorFixture.run(policy: policy) { fixture in
            let reply = try await fixture.replies([#"{"op":"fail","data":"boom"}"#])[0]
            let id = try #require(reply.id)
            #expect(reply.status == .error)
            #expect(reply.message == "task \(id) failed after 2 attempts: boom")

            let client = fixture.client
            let dead = try await client.send(.dead).reply
            #expect(dead.dead?.map(\.id) == [id])
            #expect(dead.dead?.first?.lastError == "boom")
            let requeued = try await client.send(.requeue(id: id)).reply
            #expect(requeued.status == .ok && requeued.id == id && requeued.state == .queued && requeued.attempts == 0)
            let notDead = try await client.send(.requeue(id: "no-such-task")).reply
            #expect(notDead.status == .error && notDead.message == "no task with id 'no-such-task'")
        }
    }

    @Test("a sync request whose task does not finish in time answers pending with its id")
    func syncTimeout() async throws {
        try await FrontDoorFixture.run(workers: 0, resultTimeout: .milliseconds(200)) { fixture in
            let reply = try await fixture.replies([#"{"op":"echo","data":"nadie"}"#])[0]
            #expect(reply.status == .pending && reply.state == .queued)
            #expect(try await fixture.service.task(id: try #require(reply.id))?.state == .queued)
        }
    }

    @Test("a bad request gets one error line naming the problem, and the same connection then serves a valid one",
          arguments: BadInput.all)
    func badInput(_ input: BadInput) async throws {
        try await FrontDoorFixture.run(maximumLineLength: BadInput.lineLimit) { fixture in
            let lines = try await LineClient.withConnection(host: "127.0.0.1", port: fixture.server.port, connector: connectOnce) { connection in
                [
                    String(buffer: try await connection.request(ByteBuffer(bytes: input.bytes))),
                    String(buffer: try await connection.request(ByteBuffer(string: #"{"op":"uppercase","data":"sigo aquí"}"#))),
                ]
            }
            let error = try JSONLineCoding.decode(FrontDoorReply.self, from: ByteBuffer(string: lines[0]))
            #expect(error.status == .error)
            for fragment in input.expected {
                #expect(error.message?.contains(fragment) == true, "'\(error.message ?? "")' should mention \(fragment)")
            }
            let valid = try JSONLineCoding.decode(FrontDoorReply.self, from: ByteBuffer(string: lines[1]))
            #expect(valid.status == .ok && valid.result == "SIGO AQUÍ")
        }
    }

    @Test("50 concurrent connections each get the answers to their own requests")
    func concurrentConnections() async throws {
        try await FrontDoorFixture.run(workers: 4) { fixture in
            let port = fixture.server.port
            let answers = try await withThrowingTaskGroup(of: (Int, [FrontDoorReply]).self) { group in
                for client in 0..<50 {
                    group.addTask {
                        let lines = try await LineClient.withConnection(host: "127.0.0.1", port: port, connector: connectOnce) { connection in
                            [
                                try await connection.request(ByteBuffer(string: #"{"op":"uppercase","data":"cliente \#(client)"}"#)),
                                try await connection.request(ByteBuffer(string: #"{"op":"echo","data":"eco \#(client)","mode":"sync"}"#)),
                            ]
                        }
                        return (client, try lines.map { try JSONLineCoding.decode(FrontDoorReply.self, from: $0) })
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(answers.count == 50)
            for (client, replies) in answers {
                #expect(replies.map(\.result) == ["CLIENTE \(client)", "eco \(client)"])
            }
            let ids = Set(answers.values.flatMap { $0.compactMap(\.id) })
            #expect(ids.count == 100)
        }
    }

    @Test("every request encodes to a line that parses back to the same request")
    func requestRoundTrip() throws {
        let requests: [FrontDoorRequest] = [
            .submit(TaskSubmission(op: "hash", data: "x"), mode: .sync),
            .submit(TaskSubmission(op: "echo", data: "y", key: "k"), mode: .async),
            .status(id: "a"), .result(id: "b"), .requeue(id: "c"), .stats, .dead,
        ]
        for request in requests {
            var line = try JSONLineCoding.encode(request)
            line.moveWriterIndex(to: line.writerIndex - 1)
            #expect(try FrontDoorRequest.parse(line, operations: .standard) == request)
        }
    }
}

/// One malformed request and what its error message must mention.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// The fixture's line limit, small so that the oversized line stays small too.
    static let lineLimit = 1024

    var name: String
    var bytes: [UInt8]
    var expected: [String]
    var testDescription: String { self.name }

    init(_ name: String, _ line: String, expected: String...) {
        self.init(name, bytes: Array(line.utf8), expected: expected)
    }

    init(_ name: String, bytes: [UInt8], expected: [String]) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }

    static let all: [BadInput] = [
        BadInput("invalid JSON", #"{"op":"echo","data":"#, expected: "invalid JSON"),
        BadInput("unknown op", #"{"op":"reverse","data":"x"}"#, expected: "'op'", "unknown operation 'reverse'", "echo, fail, hash, sleep, uppercase"),
        BadInput("missing data", #"{"op":"echo"}"#, expected: "missing field 'data'"),
        BadInput("data as a number", #"{"op":"echo","data":42}"#, expected: "field 'data' must be a string"),
        BadInput("unknown cmd", #"{"cmd":"explode"}"#, expected: "'cmd'", "unknown command 'explode'", "status"),
        BadInput("oversized line", String(repeating: "x", count: 4 * lineLimit), expected: "exceeds the limit of \(lineLimit) bytes"),
        BadInput("binary garbage", bytes: [0xFF, 0xFE, 0x00, 0x9C, 0x7B, 0x80, 0xC3], expected: ["not UTF-8"]),
        BadInput("a misspelt field", #"{"op":"echo","data":"x","mdoe":"async"}"#, expected: "field 'mdoe'", "op, data, mode, key"),
        BadInput("an unknown mode", #"{"data":"x","mode":"later"}"#, expected: "field 'mode'", "\"later\""),
        BadInput("an over-long key", #"{"data":"x","key":"\#(String(repeating: "k", count: 201))"}"#, expected: "field 'key'", "200"),
        BadInput("status without id", #"{"cmd":"status"}"#, expected: "missing field 'id'"),
        BadInput("an id that names no task", #"{"cmd":"result","id":"nope"}"#, expected: "no task with id 'nope'"),
        BadInput("not an object", #"["echo","x"]"#, expected: "a request must be a JSON object"),
    ]
}

/// A connector for a server known to be listening: one attempt, which must succeed.
private let connectOnce = TCPConnector(connectTimeout: .seconds(5), retry: .once)

/// A front door on a port the OS picked, over a real SQLite queue in a fresh folder, with
/// `workers` in-test worker loops that lease, run (with `OperationRegistry.standard`) and complete.
private struct FrontDoorFixture: Sendable {
    let folder: TemporaryDirectory
    let service: QueueService
    let server: LineServer

    var client: FrontDoorClient { FrontDoorClient(host: "127.0.0.1", port: self.server.port, connector: connectOnce) }

    static func run<Result: Sendable>(
        policy: QueuePolicy = QueuePolicy(retryBaseDelay: .milliseconds(10)),
        workers: Int = 1,
        resultTimeout: Duration = .seconds(20),
        maximumLineLength: Int = 64 * 1024,
        _ body: (FrontDoorFixture) async throws -> Result
    ) async throws -> Result {
        let folder = try TemporaryDirectory(prefix: "FrontDoorTests")
        var logger = Logger(label: "test.frontdoor")
        logger.logLevel = .warning
        let store = try SQLiteTaskStore(path: folder.file("queue.sqlite"), policy: policy)
        let service = QueueService(store: store, artifacts: try ResultArtifacts(directory: folder.file("objects")), logger: logger)
        let server = try await FrontDoor.bind(
            service: service, port: 0, maximumLineLength: maximumLineLength, resultTimeout: resultTimeout)
        let fixture = FrontDoorFixture(folder: folder, service: service, server: server)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            for index in 0..<workers {
                group.addTask { try await fixture.work(as: "test-worker-\(index + 1)") }
            }
            defer { group.cancelAll() }
            return try await body(fixture)
        }
    }

    /// A minimal worker: lease, run the operation, complete or fail; until cancelled.
    private func work(as name: String) async throws {
        while !Task.isCancelled {
            let leased: [TaskRecord]
            do {
                leased = try await self.service.lease(worker: name, limit: 1, wait: .milliseconds(200))
            } catch {
                if Task.isCancelled { return }
                throw error
            }
            for task in leased {
                let token = try #require(task.leaseToken)
                let operation = try #require(OperationRegistry.standard.operation(named: task.op))
                do {
                    let result = try await operation.run(task.data)
                    _ = try await self.service.complete(id: task.id, token: token, result: result, worker: name)
                } catch let failure as OperationFailure {
                    _ = try await self.service.fail(id: task.id, token: token, error: failure.message)
                }
            }
        }
    }

    /// Sends `lines` on one connection, one at a time, and returns the reply lines.
    func exchange(_ lines: [String]) async throws -> [String] {
        try await LineClient.withConnection(host: "127.0.0.1", port: self.server.port, connector: connectOnce) { connection in
            var replies: [String] = []
            for line in lines {
                replies.append(String(buffer: try await connection.request(ByteBuffer(string: line))))
            }
            return replies
        }
    }

    /// The same, with the replies decoded.
    func replies(_ lines: [String]) async throws -> [FrontDoorReply] {
        try await self.exchange(lines).map { try JSONLineCoding.decode(FrontDoorReply.self, from: ByteBuffer(string: $0)) }
    }
}
