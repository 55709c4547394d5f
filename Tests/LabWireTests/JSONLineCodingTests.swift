import NIOCore
import Testing
@testable import LabWire
import LabTestSupport

@Suite("JSON lines")
struct JSONLineCodingTests {
    struct Job: Codable, Equatable {
        var op: String
        var data: String
        var attempts: Int?
    }

    @Test func encodesOneCompactLineAndDecodesItBack() throws {
        let job = Job(op: "uppercase", data: "hola mundo", attempts: 2)
        var line = try JSONLineCoding.encode(job)
        #expect(line.readableBytesView.last == UInt8(ascii: "\n"))
        #expect(line.readableBytesView.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        line.moveWriterIndex(to: line.writerIndex - 1)
        #expect(try JSONLineCoding.decode(Job.self, from: line) == job)
    }

    @Test(arguments: [
        ("{\"op\":\"echo\"}", WireError.missingField(path: "data")),
        ("{\"op\":1,\"data\":\"x\"}", WireError.wrongType(path: "op", expected: "a string")),
        ("{\"op\":\"echo\",\"data\":\"x\",\"attempts\":\"two\"}", WireError.wrongType(path: "attempts", expected: "an integer")),
    ])
    func namesTheFieldThatIsWrong(input: String, expected: WireError) {
        #expect(throws: expected) { try JSONLineCoding.decode(Job.self, from: ByteBuffer(string: input)) }
    }

    @Test(arguments: ["{not json", "", "\u{0}\u{1}\u{2}garbage", "[1,2"])
    func rejectsMalformedInputAsInvalidJSON(input: String) {
        do {
            _ = try JSONLineCoding.decode(Job.self, from: ByteBuffer(string: input))
            Issue.record("decoding \(input.debugDescription) should fail")
        } catch {
            guard case .invalidJSON = error else {
                Issue.record("expected invalidJSON, got \(error)")
                return
            }
            #expect(error.description.hasPrefix("invalid JSON"))
        }
    }

    @Test func refusesToEncodeOverTheLimit() {
        #expect(throws: WireError.self) {
            try JSONLineCoding.encode(Job(op: "echo", data: String(repeating: "a", count: 100)), maximumLength: 50)
        }
    }
}
