import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects a child process's output pipe as lines, waiting for a condition with a deadline.
struct ChildOutput {
    struct TimedOut: Error, CustomStringConvertible {
        var waitingFor: String
        var lastLine: String?
        var description: String { "timed out waiting for \(waitingFor); last line: \(lastLine ?? "none")" }
    }

    let handle: FileHandle
    private var buffer = ""
    private(set) var lines: [String] = []
    private(set) var ended = false

    init(_ handle: FileHandle) { self.handle = handle }

    /// Blocks until `condition` holds for the lines read so far (or the output ends), at most `timeout`.
    mutating func wait(for what: String, timeout: Duration, until condition: ([String]) -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(self.lines), !self.ended {
            let remaining = deadline - ContinuousClock.now
            var poller = pollfd(fd: self.handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000
                + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            guard remaining > .zero, poll(&poller, 1, milliseconds) > 0 else {
                throw TimedOut(waitingFor: what, lastLine: self.lines.last.map { String($0.prefix(100)) })
            }
            self.append(self.handle.availableData)
        }
    }

    /// Reads everything up to the end of the output (the child has exited).
    mutating func readToEnd() {
        self.append(self.handle.readDataToEndOfFile())
        self.ended = true
    }

    private mutating func append(_ chunk: Data) {
        if chunk.isEmpty { self.ended = true }
        self.buffer += String(decoding: chunk, as: UTF8.self)
        while let newline = self.buffer.firstIndex(of: "\n") {
            self.lines.append(String(self.buffer[..<newline]))
            self.buffer = String(self.buffer[self.buffer.index(after: newline)...])
        }
    }
}
