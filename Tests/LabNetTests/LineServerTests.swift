import Foundation
import LabNet
import LabTestSupport
import LabWire
import NIOCore
import Synchronization
import Testing

// MARK: - Helpers shared by the LabNet TCP tests

/// A condition that did not happen before its deadline.
struct DeadlineExceeded: Error, CustomStringConvertible {
    var what: String
    var timeout: Duration
    var description: String { "\(self.what) did not happen within \(self.timeout)" }
}

/// Runs `body` and fails with `DeadlineExceeded` if it has not finished within `timeout`. This
/// awaits an event with a deadline; the sleep only bounds how long a broken test can hang.
func withDeadline<Result: Sendable>(
    _ timeout: Duration,
    _ what: String,
    _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard case .some(.some(let result)) = try await group.next() else {
            throw DeadlineExceeded(what: what, timeout: timeout)
        }
        return result
    }
}

/// Records what a handler saw, in arrival order.
final class FrameLog: Sendable {
    private let frames = Mutex<[LineFrame]>([])
    func append(_ frame: LineFrame) { self.frames.withLock { $0.append(frame) } }
    var all: [LineFrame] { self.frames.withLock { $0 } }
}

/// The handler the tests serve: `echo LINE` for UTF-8 lines, `error: …` for anything else.
func echoHandler(log: FrameLog? = nil) -> LineServer.Handler {
    { frame in
        log?.append(frame)
        switch frame {
        case .line(let line):
            guard let text = String(validating: line.readableBytesView, as: UTF8.self) else {
                return ByteBuffer(string: "error: not UTF-8")
            }
            return ByteBuffer(string: "echo \(text)")
        case .rejected(let error):
            return ByteBuffer(string: "error: \(error)")
        }
    }
}

/// Binds a `LineServer` on a port the OS chooses, runs it while `body` runs, then cancels
/// `run()` and waits for it to return.
func withLineServer<Result: Sendable>(
    maximumLineLength: Int = WireLimits.defaultMaximumMessageSize,
    idleTimeout: Duration? = .seconds(300),
    handler: @escaping LineServer.Handler = echoHandler(),
    _ body: (LineServer) async throws -> Result
) async throws -> Result {
    let server = try await LineServer.bind(maximumLineLength: maximumLineLength, idleTimeout: idleTimeout, handler: handler)
    let running = Task { try await server.run() }
    do {
        let result = try await body(server)
        running.cancel()
        try await withDeadline(.seconds(30), "LineServer.run() returning after cancellation") {
            try? await running.value
        }
        return result
    } catch {
        running.cancel()
        throw error
    }
}

/// A connector for a server known to be listening: one attempt, which must succeed.
let connectOnce = TCPConnector(connectTimeout: .seconds(5), retry: .once)

/// Whether `error` is `NetError.closedBeforeReply` for `port`.
func isClosedBeforeReply(_ error: any Error, port: Int) -> Bool {
    guard case NetError.closedBeforeReply(let host, let reported) = error else { return false }
    return host == "127.0.0.1" && reported == port
}

// MARK: - LineServer

@Suite("LineServer")
struct LineServerTests {
    @Test("port 0 binds a port the OS chose, and a request line gets the handler's reply")
    func bindsOSChosenPortAndReplies() async throws {
        try await withLineServer { server in
            #expect(server.host == "127.0.0.1")
            #expect(server.port > 0)
            let reply = try await LineClient.withConnection(host: server.host, port: server.port, connector: connectOnce) { client in
                String(buffer: try await client.request(ByteBuffer(string: "hello")))
            }
            #expect(reply == "echo hello")
        }
    }

    @Test("several requests on one connection are answered in order, pipelined or not")
    func answersInOrder() async throws {
        try await withLineServer { server in
            let replies = try await LineClient.withConnection(host: server.host, port: server.port, connector: connectOnce) { client in
                var replies: [String] = []
                for index in 0..<20 {
                    replies.append(String(buffer: try await client.request(ByteBuffer(string: "one by one \(index)"))))
                }
                // Ten requests in one write: the replies still come back one per line, in order.
                let batch = (0..<10).map { "pipelined \($0)" }.joined(separator: "\n")
                replies.append(String(buffer: try await client.request(ByteBuffer(string: batch))))
                for _ in 1..<10 {
                    replies.append(String(buffer: try await client.nextLine()))
                }
                // A CRLF line ending is accepted as well.
                replies.append(String(buffer: try await client.request(ByteBuffer(string: "crlf\r"))))
                return replies
            }
            let expected = (0..<20).map { "echo one by one \($0)" } + (0..<10).map { "echo pipelined \($0)" } + ["echo crlf"]
            #expect(replies == expected)
        }
    }

    @Test("an oversized line reaches the handler as .rejected(.lineTooLong) and the connection keeps serving")
    func oversizedLineIsRejectedAndConnectionSurvives() async throws {
        let log = FrameLog()
        let limit = 64
        try await withLineServer(maximumLineLength: limit, handler: echoHandler(log: log)) { server in
            let replies = try await LineClient.withConnection(host: server.host, port: server.port, connector: connectOnce) { client in
                var replies: [String] = []
                replies.append(String(buffer: try await client.request(ByteBuffer(string: String(repeating: "x", count: limit + 1)))))
                replies.append(String(buffer: try await client.request(ByteBuffer(string: "after one too long"))))
                // Far past the limit, so that it arrives in many reads and is discarded as it comes.
                replies.append(String(buffer: try await client.request(ByteBuffer(string: String(repeating: "y", count: 256 * 1024)))))
                replies.append(String(buffer: try await client.request(ByteBuffer(string: "after a huge one"))))
                replies.append(String(buffer: try await client.request(ByteBuffer(string: String(repeating: "z", count: limit)))))
                return replies
            }
            let rejection = "error: \(WireError.lineTooLong(limit: limit))"
            #expect(replies == [
                rejection, "echo after one too long", rejection, "echo after a huge one", "echo " + String(repeating: "z", count: limit),
            ])
            let frames = log.all
            #expect(frames.count == 5)
            #expect(frames.first == .rejected(.lineTooLong(limit: limit)))
            #expect(frames.dropFirst(2).first == .rejected(.lineTooLong(limit: limit)))
        }
    }

    @Test("binary garbage lines reach the handler, which answers an error, and the connection keeps serving")
    func binaryGarbageKeepsConnectionUsable() async throws {
        let seed = SeededGenerator.seedForTest()
        print("LineServerTests.binaryGarbageKeepsConnectionUsable seed: \(seed) (replay with LAB_SEED=\(seed))")
        var generator = SeededGenerator(seed: seed)
        let garbage: [[UInt8]] = (0..<20).map { _ in
            // 0xFF never occurs in UTF-8; no byte is a newline, and none ends the line with a CR.
            let body = (0..<Int.random(in: 1...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return [0xFF] + body.filter { $0 != UInt8(ascii: "\n") } + [0x00]
        }
        let log = FrameLog()
        try await withLineServer(maximumLineLength: 512, handler: echoHandler(log: log)) { server in
            let replies = try await LineClient.withConnection(host: server.host, port: server.port, connector: connectOnce) { client in
                var replies: [String] = []
                for (index, bytes) in garbage.enumerated() {
                    replies.append(String(buffer: try await client.request(ByteBuffer(bytes: bytes))))
                    replies.append(String(buffer: try await client.request(ByteBuffer(string: "valid \(index)"))))
                }
                return replies
            }
            let expected = garbage.indices.flatMap { ["error: not UTF-8", "echo valid \($0)"] }
            #expect(replies == expected, "replay with LAB_SEED=\(seed)")
            let received = log.all.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            #expect(received == garbage.map { .line(ByteBuffer(bytes: $0)) }, "the handler sees the bytes as sent; LAB_SEED=\(seed)")
        }
    }

    @Test("an idle connection is closed after the idle timeout")
    func idleConnectionIsClosed() async throws {
        try await withLineServer(idleTimeout: .milliseconds(200)) { server in
            let port = server.port
            let clock = ContinuousClock()
            // The server's timer starts once it has accepted the connection, so after this instant.
            let connecting = clock.now
            let closedAfter = try await withDeadline(.seconds(30), "the idle connection being closed") {
                try await LineClient.withConnection(host: "127.0.0.1", port: port, connector: connectOnce) { client in
                    do {
                        let unexpected = try await client.nextLine()
                        Issue.record("expected the server to close the idle connection, got the line '\(String(buffer: unexpected))'")
                    } catch {
                        #expect(isClosedBeforeReply(error, port: port), "\(error)")
                    }
                    return clock.now - connecting
                }
            }
            // Closed by the idle timer, not at once (timers never fire early).
            #expect(closedAfter >= .milliseconds(200), "closed \(closedAfter) after connecting")
        }
    }

    @Test("200 concurrent connections are served at the same time, each with its own replies")
    func manyConcurrentConnections() async throws {
        let connections = 200
        // Every first request waits until all connections have sent theirs: this only finishes if
        // the server serves the connections concurrently.
        let barrier = Barrier(parties: connections)
        let handler: LineServer.Handler = { frame in
            guard case .line(let line) = frame else { return ByteBuffer(string: "error") }
            let text = String(buffer: line)
            if text.hasSuffix(" request 0") { await barrier.arriveAndWait() }
            return ByteBuffer(string: "echo \(text)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await withLineServer(handler: handler) { server in
            let port = server.port
            let mismatches = try await withDeadline(.seconds(30), "\(connections) concurrent connections being served") {
                try await withThrowingTaskGroup(of: [String].self) { group in
                    for connection in 0..<connections {
                        group.addTask {
                            try await LineClient.withConnection(
                                host: "127.0.0.1", port: port, connector: TCPConnector(connectTimeout: .seconds(10), retry: .once)
                            ) { client in
                                var mismatches: [String] = []
                                for request in 0..<3 {
                                    let line = "client \(connection) request \(request)"
                                    let reply = String(buffer: try await client.request(ByteBuffer(string: line)))
                                    if reply != "echo \(line)" { mismatches.append("\(line) -> \(reply)") }
                                }
                                return mismatches
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
            }
            #expect(mismatches.isEmpty)
        }
        print("LineServerTests: \(connections) concurrent connections served in \(clock.now - start)")
    }

    @Test("cancelling the task running run() closes open connections and stops accepting")
    func cancellingRunClosesConnections() async throws {
        let server = try await LineServer.bind(handler: echoHandler())
        let port = server.port
        let running = Task { try await server.run() }
        defer { running.cancel() }
        try await withDeadline(.seconds(30), "the open connection being closed after run() was cancelled") {
            try await LineClient.withConnection(host: "127.0.0.1", port: port, connector: connectOnce) { client in
                let reply = String(buffer: try await client.request(ByteBuffer(string: "before")))
                #expect(reply == "echo before")
                running.cancel()
                do {
                    let unexpected = try await client.nextLine()
                    Issue.record("expected the connection to be closed, got the line '\(String(buffer: unexpected))'")
                } catch {
                    #expect(isClosedBeforeReply(error, port: port), "\(error)")
                }
            }
        }
        try await withDeadline(.seconds(30), "run() returning after cancellation") { try? await running.value }
        let error = await #expect(throws: NetError.self) {
            try await LineClient.withConnection(host: "127.0.0.1", port: port, connector: connectOnce) { _ in }
        }
        guard case .connectFailed(_, let reported, 1, _) = error else {
            Issue.record("expected connectFailed after 1 attempt, got \(String(describing: error))")
            return
        }
        #expect(reported == port)
    }
}

@Suite("LineServer edges")
struct LineServerEdgeTests {
    @Test("a client that half-closes after its requests still gets every reply, an unterminated last line included")
    func halfClosingClientGetsItsReplies() async throws {
        try await withLineServer { server in
            let channel = try await connectOnce.connect(host: "127.0.0.1", port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NewlineDelimitedDecoder()))
                    return try NIOAsyncChannel<LineFrame, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true)
                    )
                }
            }
            // As `printf 'one\ntwo\nthree' | nc -N HOST PORT` does: write, shut down writing, read.
            let replies = try await withDeadline(.seconds(30), "the replies and the server's close") {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(ByteBuffer(string: "one\ntwo\nthree"))
                    outbound.finish()
                    var replies: [String] = []
                    for try await frame in inbound {
                        guard case .line(let line) = frame else { throw DeadlineExceeded(what: "a line", timeout: .zero) }
                        replies.append(String(buffer: line))
                    }
                    return replies
                }
            }
            #expect(replies == ["echo one", "echo two", "echo three"])
        }
    }

    @Test("a JSON request gets its JSON reply")
    func jsonRequest() async throws {
        struct Request: Codable { var op: String; var value: Int }
        struct Reply: Codable, Equatable { var doubled: Int }
        let handler: LineServer.Handler = { frame in
            guard case .line(let line) = frame, let request = try? JSONLineCoding.decode(Request.self, from: line) else {
                return ByteBuffer(string: #"{"error": "bad request"}"#)
            }
            var reply = try! JSONLineCoding.encode(Reply(doubled: request.value * 2))
            reply.moveWriterIndex(to: reply.writerIndex - 1)  // the server adds the newline
            return reply
        }
        try await withLineServer(handler: handler) { server in
            let reply = try await LineClient.withConnection(host: server.host, port: server.port, connector: connectOnce) { client in
                try await client.request(Request(op: "double", value: 21), expecting: Reply.self)
            }
            #expect(reply == Reply(doubled: 42))
        }
    }

    @Test("a reply longer than the client's limit is a badReply naming the server")
    func oversizedReplyIsBadReply() async throws {
        let handler: LineServer.Handler = { _ in ByteBuffer(string: String(repeating: "r", count: 2_000)) }
        try await withLineServer(handler: handler) { server in
            let port = server.port
            let error = await #expect(throws: NetError.self) {
                try await LineClient.withConnection(host: "127.0.0.1", port: port, connector: connectOnce, maximumLineLength: 1_000) { client in
                    try await client.request(ByteBuffer(string: "hi"))
                }
            }
            guard case .badReply("127.0.0.1", port, let reason) = error else {
                Issue.record("expected badReply, got \(String(describing: error))")
                return
            }
            #expect(reason == WireError.lineTooLong(limit: 1_000).description)
        }
    }

    @Test("binding a port another server listens on fails with bindFailed naming the address")
    func bindingATakenPortFails() async throws {
        try await withLineServer { server in
            let error = await #expect(throws: NetError.self) {
                try await LineServer.bind(port: server.port, handler: echoHandler())
            }
            guard case .bindFailed("127.0.0.1", server.port, _) = error else {
                Issue.record("expected bindFailed, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("127.0.0.1:\(server.port)") == true)
        }
    }
}

/// Lets `parties` tasks wait until all of them have arrived.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() async {
        self.arrived += 1
        if self.arrived >= self.parties {
            let waiting = self.waiting
            self.waiting = []
            for continuation in waiting { continuation.resume() }
            return
        }
        await withCheckedContinuation { self.waiting.append($0) }
    }
}

