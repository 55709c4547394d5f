import Foundation

/// A self-contained HTML page (inline SVG, no external resources) that draws operations on a
/// timeline: one lane per process, one bar per operation from invocation to completion, labelled
/// with the operation and its result. Offending operations are red, those concurrent with them
/// amber, the tail of the legal prefix blue; unknown outcomes are dashed and run to the right edge.
public struct TimelineReport: Sendable {
    public var title: String
    /// Text shown above the timeline (e.g. the violation's description).
    public var summary: String
    /// The operations to draw.
    public var operations: [HistoryOperation]
    /// Ids of operations drawn in red.
    public var offending: Set<Int>
    /// Ids of operations drawn in amber.
    public var concurrent: Set<Int>
    /// Ids of operations drawn in blue, with their position in the linearization.
    public var linearized: [Int: Int]

    public init(title: String, summary: String = "", operations: [HistoryOperation], offending: Set<Int> = [],
                concurrent: Set<Int> = [], linearized: [Int: Int] = [:]) {
        self.title = title
        self.summary = summary
        self.operations = operations
        self.offending = offending
        self.concurrent = concurrent
        self.linearized = linearized
    }

    /// A report on `violation`: the operations on its key around the offending ones, with at most
    /// `context` operations of the legal prefix before them and `limit` operations in all.
    public init(violation: LinearizabilityViolation, history: History, context: Int = 8, limit: Int = 200) throws {
        let prefixTail = violation.linearizedPrefix.suffix(context)
        let involved = Array(prefixTail) + violation.offendingOperations
        let start = involved.map(\.invokeTime).min() ?? violation.operation.invokeTime
        let end = max(violation.operation.completeTime ?? violation.operation.invokeTime,
                      involved.compactMap { $0.outcome == .ok ? $0.completeTime : nil }.max() ?? start)
        let involvedIDs = Set(involved.map(\.id))
        let window = try history.operations().filter { op in
            guard op.operation.key == violation.key else { return false }
            if involvedIDs.contains(op.id) { return true }
            return op.invokeTime <= end && (op.completeTime ?? .max) >= start && (op.outcome == .ok || op.outcome == .fail)
        }
        let prefixStart = violation.linearizedPrefix.count - prefixTail.count
        var linearized: [Int: Int] = [:]
        for (offset, op) in prefixTail.enumerated() { linearized[op.id] = prefixStart + offset + 1 }
        self.init(
            title: "Linearizability violation on key \(violation.key)",
            summary: violation.description,
            operations: Array(window.sorted { $0.invokeTime < $1.invokeTime }.prefix(limit)),
            offending: [violation.operation.id],
            concurrent: Set(violation.concurrentOperations.map(\.id)),
            linearized: linearized)
    }

    /// The page.
    public func html() -> String {
        let processes = Array(Set(self.operations.map(\.process))).sorted()
        let lane = Dictionary(uniqueKeysWithValues: processes.enumerated().map { ($1, $0) })
        let start = self.operations.map(\.invokeTime).min() ?? 0
        let end = max(start + 1, self.operations.flatMap { [$0.invokeTime, $0.completeTime ?? $0.invokeTime] }.max() ?? 1)
        let (left, width, laneHeight, top) = (60.0, 1100.0, 34.0, 24.0)
        let right = left + width + 40  // unknown outcomes run past the last completion
        func x(_ time: Int64) -> Double { left + width * Double(time - start) / Double(end - start) }
        var svg = ""
        for (index, process) in processes.enumerated() {
            let y = top + Double(index) * laneHeight
            svg += "<text x=\"4\" y=\"\(y + 20)\" class=\"lane\">p\(process)</text>"
            svg += "<line x1=\"\(left)\" y1=\"\(y + laneHeight - 2)\" x2=\"\(right)\" y2=\"\(y + laneHeight - 2)\" class=\"grid\"/>"
        }
        for op in self.operations {
            let y = top + Double(lane[op.process]!) * laneHeight + 6
            let x0 = x(op.invokeTime)
            let unknown = op.outcome == .info || op.outcome == .pending
            let x1 = unknown ? right : x(op.completeTime ?? op.invokeTime)
            let role = self.offending.contains(op.id) ? "offending"
                : self.concurrent.contains(op.id) ? "concurrent"
                : self.linearized[op.id] != nil ? "linearized" : "other"
            let order = self.linearized[op.id].map { " [L\($0)]" } ?? ""
            svg += "<g class=\"op \(role)\(unknown ? " unknown" : "")\"><title>\(Self.escape(op.description + order))</title>"
            svg += "<rect x=\"\(x0)\" y=\"\(y)\" width=\"\(max(3, x1 - x0))\" height=\"16\" rx=\"3\"/>"
            svg += "<text x=\"\(x0 + 3)\" y=\"\(y + 12)\">#\(op.id) \(Self.escape(op.label + order))</text></g>"
        }
        let height = top + Double(processes.count) * laneHeight + 10
        var rows = ""
        for op in self.operations {
            let role = self.offending.contains(op.id) ? "cannot be linearized"
                : self.concurrent.contains(op.id) ? "concurrent with it"
                : self.linearized[op.id].map { "linearized #\($0)" } ?? ""
            rows += "<tr><td>#\(op.id)</td><td>p\(op.process)</td><td>\(Self.escape(op.label))</td>"
                + "<td>\(op.outcome.rawValue)</td><td>\(op.invokeTime)</td>"
                + "<td>\(op.completeTime.map { "\($0)" } ?? "—")</td><td>\(role)</td></tr>\n"
        }
        return """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>\(Self.escape(self.title))</title>
        <style>
        body{font:13px system-ui,sans-serif;margin:16px}pre{background:#f6f6f6;padding:8px;overflow:auto}
        svg text{font:11px monospace}.lane{font-weight:bold}.grid{stroke:#ddd}
        .op rect{fill:#ccc;stroke:#888}.op.linearized rect{fill:#bcd7f5;stroke:#3b78c2}
        .op.concurrent rect{fill:#ffd98a;stroke:#c98a00}.op.offending rect{fill:#f59a9a;stroke:#c00;stroke-width:2}
        .op.unknown rect{stroke-dasharray:4 3;fill-opacity:.5}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-family:monospace}
        </style></head><body>
        <h1>\(Self.escape(self.title))</h1>
        <pre>\(Self.escape(self.summary))</pre>
        <p>Time \(start)–\(end) ns. Red: cannot be linearized; amber: concurrent with it; blue: end of the longest legal order
        ([Ln] = position); dashed: unknown outcome (may take effect any time after invocation, or never).</p>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(right + 200))" height="\(Int(height))">\(svg)</svg>
        <table><tr><th>op</th><th>process</th><th>operation → result</th><th>outcome</th><th>invoked</th><th>completed</th><th></th></tr>
        \(rows)</table>
        </body></html>

        """
    }

    /// Writes the page to `file`.
    public func write(to file: URL) throws {
        try Data(self.html().utf8).write(to: file, options: .atomic)
    }

    /// Writes the page into `directory` under a name made from the title; returns its URL.
    @discardableResult
    public func write(toDirectory directory: URL) throws -> URL {
        let slug = String(self.title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(60))
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let file = directory.appendingPathComponent("\(slug)-\(stamp).html")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try self.write(to: file)
        return file
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
