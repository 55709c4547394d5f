import NIOCore

/// One unit read by `NewlineDelimitedDecoder`: a complete line, or the notice that a line was
/// rejected (its bytes were dropped) so that the receiver can answer with an error and go on.
public enum LineFrame: Sendable, Equatable {
    /// A line without its terminating `\n` (and without a `\r` before it).
    case line(ByteBuffer)
    /// A line that was dropped, with the reason.
    case rejected(WireError)
}
