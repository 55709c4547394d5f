import LabWire
import NIOCore

/// `value` as one line of compact JSON without its newline, which `LineServer` and `LineClient`
/// add themselves.
func jsonLine(_ value: some Encodable) throws -> ByteBuffer {
    var line = try JSONLineCoding.encode(value)
    line.moveWriterIndex(to: line.writerIndex - 1)
    return line
}
