import Foundation
import LabControl

/// One `labctl run` of a scenario shipped in `labs/`, shortened, in a temporary folder that lives
/// as long as this value (the report folder is inside it).
public struct ScenarioRun: Sendable {
    public let folder: TemporaryDirectory
    public let command: CommandRun
    public let summary: ScenarioSummary
    public var report: URL { URL(fileURLWithPath: self.folder.file("report")) }

    /// `labs/` of this repository.
    public static let labs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("labs")

    /// Runs `labs/<path>` for `seconds` with the test's seed.
    public init(_ path: String, seconds: Int) async throws {
        self.folder = try TemporaryDirectory(prefix: "ScenarioRun")
        let seed = SeededGenerator.seedForTest() % 1_000_000
        let arguments = ["run", Self.labs.appendingPathComponent(path).path, "--duration", String(seconds), "--seed", String(seed), "--report", self.folder.file("report")]
        let folder = self.folder.path
        self.command = try await HeavyTestGate.shared.run { try await CommandRun.run("labctl", arguments, in: folder) }
        guard let data = FileManager.default.contents(atPath: self.folder.file("report/summary.json")) else {
            throw TopologyFailure(message: "labctl run wrote no summary\n\(self.command.transcript)")
        }
        self.summary = try JSONDecoder().decode(ScenarioSummary.self, from: data)
    }

    /// Whether the report folder holds `name`.
    public func reportHas(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: self.report.appendingPathComponent(name).path)
    }
}
