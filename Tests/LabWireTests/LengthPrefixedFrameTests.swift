import NIOCore
import NIOEmbedded
import Testing
@testable import LabWire
import LabTestSupport

@Suite("Length-prefixed frames")
struct LengthPrefixedFrameTests {
    private func framed(_ payloads: [String], limit: Int = 1024) throws -> ByteBuffer {
        var out = ByteBuffer()
        for payload in payloads {
            try LengthPrefixedFrameEncoder.writeFrame(ByteBuffer(string: payload), into: &out, maximumFrameLength: limit)
        }
        return out
    }

    @Test func roundTripsSeveralFramesThroughAPipeline() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LengthPrefixedFrameDecoder(maximumFrameLength: 64)))
        try channel.writeInbound(try self.framed(["hello", "", "world"]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "hello"))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(string: ""))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "world"))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        #expect(try channel.finish().isClean)
    }

    @Test func reassemblesFramesSplitAtEveryByte() throws {
        let whole = try self.framed(["alpha", "beta"])
        var decoder = LengthPrefixedFrameDecoder(maximumFrameLength: 64)
        var buffer = ByteBuffer()
        var frames: [String] = []
        for byte in whole.readableBytesView {
            buffer.writeInteger(byte)
            while let frame = try decoder.nextFrame(from: &buffer) { frames.append(String(buffer: frame)) }
        }
        #expect(frames == ["alpha", "beta"])
        _ = decoder
    }

    @Test func rejectsAnOversizedFrameBeforeBufferingItsPayload() throws {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(1 << 30))
        let decoder = LengthPrefixedFrameDecoder(maximumFrameLength: 1024)
        #expect(throws: WireError.frameTooLarge(length: 1 << 30, limit: 1024)) {
            _ = try decoder.nextFrame(from: &buffer)
        }
    }

    @Test func reportsATruncatedFrameAtEndOfStream() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LengthPrefixedFrameDecoder(maximumFrameLength: 64)))
        var partial = ByteBuffer()
        partial.writeInteger(UInt32(10))
        partial.writeString("abc")
        try channel.writeInbound(partial)
        #expect(throws: WireError.truncatedFrame(expected: 10, received: 3)) { _ = try channel.finish() }
    }

    @Test func encoderRefusesPayloadsOverTheLimit() {
        var out = ByteBuffer()
        #expect(throws: WireError.outboundTooLarge(length: 5, limit: 4)) {
            try LengthPrefixedFrameEncoder.writeFrame(ByteBuffer(string: "12345"), into: &out, maximumFrameLength: 4)
        }
        #expect(out.readableBytes == 0)
    }

    @Test func randomBytesNeverCrashAndNeverYieldAnOversizedFrame() throws {
        let seed = SeededGenerator.seedForTest()
        var random = SeededGenerator(seed: seed)
        let limit = 256
        for _ in 0..<2_000 {
            var buffer = ByteBuffer(bytes: (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            let decoder = LengthPrefixedFrameDecoder(maximumFrameLength: limit)
            do {
                while let frame = try decoder.nextFrame(from: &buffer) {
                    #expect(frame.readableBytes <= limit, "replay with LAB_SEED=\(seed)")
                }
            } catch let error as WireError {
                guard case .frameTooLarge(let length, _) = error else {
                    Issue.record("unexpected \(error); replay with LAB_SEED=\(seed)")
                    return
                }
                #expect(length > limit, "replay with LAB_SEED=\(seed)")
            }
        }
    }
}
