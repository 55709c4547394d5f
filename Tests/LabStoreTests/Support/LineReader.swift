import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a child process's output pipe line by line, waiting at most until a deadline.
struct LineReader {
    enum Failure: Error, CustomStringConvertible {
        case endOfOutput(waitingFor: String, received: String)
        case timedOut(waitingFor: String, received: String)
        var description: String {
            switch self {
            case let .endOfOutput(line, received):
                "the process closed its output before printing \(line.debugDescription); "
                    + "it printed \(received.debugDescription)"
            case let .timedOut(line, received):
                "timed out waiting for \(line.debugDescription); received \(received.debugDescription)"
            }
        }
    }

    let handle: FileHandle
    private var received = ""

    init(_ handle: FileHandle) { self.handle = handle }

    /// Blocks until the output contains the line `line`, or throws at EOF or after `timeout`.
    mutating func waitFor(line: String, timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        while !received.split(separator: "\n").contains(Substring(line)) {
            let remaining = deadline - ContinuousClock.now
            var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000
                + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            guard remaining > .zero, poll(&poller, 1, milliseconds) > 0 else {
                throw Failure.timedOut(waitingFor: line, received: received)
            }
            let chunk = handle.availableData
            if chunk.isEmpty { throw Failure.endOfOutput(waitingFor: line, received: received) }
            received += String(decoding: chunk, as: UTF8.self)
        }
    }
}
