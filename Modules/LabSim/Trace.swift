import Foundation

/// A readable timeline of a simulation: messages, state changes, client operations, faults.
/// Kept in memory up to a bound (the most recent lines win) and written out when a test fails.
public struct Trace: Sendable {
    /// One line of the timeline.
    public struct Line: Sendable, Hashable {
        public var time: Duration
        public var node: UInt64?
        public var text: String
    }

    public private(set) var lines: [Line] = []
    public var isEnabled: Bool
    private let capacity: Int
    private var dropped = 0

    public init(enabled: Bool = true, capacity: Int = 200_000) {
        self.isEnabled = enabled
        self.capacity = capacity
    }

    public mutating func record(_ time: Duration, node: UInt64? = nil, _ text: @autoclosure () -> String) {
        guard self.isEnabled else { return }
        if self.lines.count >= self.capacity {
            self.lines.removeFirst(self.capacity / 4)
            self.dropped += self.capacity / 4
        }
        self.lines.append(Line(time: time, node: node, text: text()))
    }

    /// The timeline as text: `  12.345ms  n2  text`.
    public func rendered() -> String {
        var out = self.dropped > 0 ? "(\(self.dropped) earlier lines dropped)\n" : ""
        for line in self.lines {
            let ms = Double(line.time.components.seconds) * 1000 + Double(line.time.components.attoseconds) / 1e15
            let node = line.node.map { "n\($0)" } ?? "--"
            out += String(format: "%12.3f", ms) + "ms  " + node.padding(toLength: 4, withPad: " ", startingAt: 0) + line.text + "\n"
        }
        return out
    }

    /// Writes the timeline to `path`, creating folders; returns the path.
    @discardableResult
    public func write(to path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try self.rendered().write(to: url, atomically: true, encoding: .utf8)
        return path
    }
}
