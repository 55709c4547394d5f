import Foundation

/// The grade of one run of an exercise's tests: every check's record, the points, and the table
/// `labctl exercise grade` prints. Encodes to the JSON a course collects.
public struct GradeReport: Sendable, Equatable, Codable {
    public var exercise: String
    public var records: [GradeRecord]

    public init(exercise: String, records: [GradeRecord]) {
        self.exercise = exercise
        self.records = records.sorted { ($0.step, $0.check) < ($1.step, $1.check) }
    }

    /// Reads the records `Grading.run` left in `directory`.
    public init(exercise: String, directory: String) throws {
        let decoder = JSONDecoder()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        let records = try files.map { file in
            try decoder.decode(GradeRecord.self, from: Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file)))
        }
        self.init(exercise: exercise, records: records)
    }

    public var earned: Int { self.records.reduce(0) { $0 + $1.earned } }
    public var possible: Int { self.records.reduce(0) { $0 + $1.points } }
    public func count(_ result: GradeRecord.Result) -> Int { self.records.filter { $0.result == result }.count }

    /// One line per check (step, check, points, result, and why it did not pass), then the total.
    public var table: String {
        let header = ["step", "check", "points", "result"]
        let rows = self.records.map { record in
            [record.step, record.check, "\(record.earned)/\(record.points)", record.result.rawValue]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in cell.padding(toLength: widths[column], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
        for (row, record) in zip(rows, self.records) {
            lines.append(line(row))
            if record.result != .passed, let message = record.message {
                lines.append("    " + Self.abbreviated(message))
            }
        }
        lines.append("")
        lines.append("\(self.exercise): \(self.earned)/\(self.possible) points — \(self.count(.passed)) passed, "
            + "\(self.count(.failed)) failed, \(self.count(.skipped)) skipped")
        return lines.joined(separator: "\n")
    }

    /// The first line of `message`, cut at 160 characters (the JSON keeps it whole).
    private static func abbreviated(_ message: String) -> String {
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        return line.count <= 160 ? line : String(line.prefix(159)) + "…"
    }
}
