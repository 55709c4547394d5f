import NIOCore
import NIOEmbedded
import Testing
@testable import LabWire
import LabTestSupport

@Suite("Newline-delimited lines")
struct NewlineDelimitedDecoderTests {
    private func frames(_ chunks: [String], limit: Int) -> [LineFrame] {
        var decoder = NewlineDelimitedDecoder(maximumLineLength: limit)
        var buffer = ByteBuffer()
        var frames: [LineFrame] = []
        for chunk in chunks {
            buffer.writeString(chunk)
            while let frame = decoder.nextFrame(from: &buffer) { frames.append(frame) }
        }
        return frames
    }

    @Test func splitsLinesAndStripsCarriageReturns() {
        #expect(self.frames(["one\ntwo\r\n", "thr", "ee\n"], limit: 16) == [
            .line(ByteBuffer(string: "one")), .line(ByteBuffer(string: "two")), .line(ByteBuffer(string: "three")),
        ])
    }

    @Test func anOversizedLineIsRejectedOnceAndTheNextLineStillArrives() {
        let long = String(repeating: "x", count: 40)
        #expect(self.frames([long, long, "\nok\n"], limit: 16) == [
            .rejected(.lineTooLong(limit: 16)), .line(ByteBuffer(string: "ok")),
        ])
    }

    @Test func anOversizedLineWithItsNewlineInOneChunkIsRejected() {
        #expect(self.frames([String(repeating: "y", count: 17) + "\nfine\n"], limit: 16) == [
            .rejected(.lineTooLong(limit: 16)), .line(ByteBuffer(string: "fine")),
        ])
    }

    @Test func aLineOfExactlyTheLimitIsAccepted() {
        let exact = String(repeating: "z", count: 16)
        #expect(self.frames([exact + "\n"], limit: 16) == [.line(ByteBuffer(string: exact))])
    }

    @Test func aFinalLineWithoutNewlineIsDeliveredAtEndOfStream() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NewlineDelimitedDecoder(maximumLineLength: 16)))
        try channel.writeInbound(ByteBuffer(string: "a\nlast"))
        #expect(try channel.readInbound(as: LineFrame.self) == .line(ByteBuffer(string: "a")))
        _ = try channel.finish()
        #expect(try channel.readInbound(as: LineFrame.self) == .line(ByteBuffer(string: "last")))
    }

    @Test func randomBytesNeverYieldALineOverTheLimitAndBufferStaysBounded() {
        let seed = SeededGenerator.seedForTest()
        var random = SeededGenerator(seed: seed)
        let limit = 32
        var decoder = NewlineDelimitedDecoder(maximumLineLength: limit)
        var buffer = ByteBuffer()
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...48, using: &random)
            buffer.writeBytes((0..<count).map { _ in
                Bool.random(using: &random) && Int.random(in: 0..<8, using: &random) == 0 ? UInt8(ascii: "\n") : UInt8.random(in: 0...255, using: &random)
            })
            while let frame = decoder.nextFrame(from: &buffer) {
                if case .line(let line) = frame {
                    #expect(line.readableBytes <= limit, "replay with LAB_SEED=\(seed)")
                }
            }
            #expect(buffer.readableBytes <= limit + 1, "replay with LAB_SEED=\(seed)")
        }
    }
}
