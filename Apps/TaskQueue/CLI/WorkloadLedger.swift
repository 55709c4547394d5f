import Foundation
import LabNet
import Synchronization

/// One task a workload got accepted: what was asked and the id the server gave it. Written one
/// JSON object per line by `taskqueue workload`, read by `taskqueue check`.
struct LedgerEntry: Codable, Sendable {
    var key: String
    var id: String
    var op: String
    var data: String

    static func read(_ path: String) throws -> [LedgerEntry] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(LedgerEntry.self, from: Data($0.utf8))
        }
    }
}

/// Appends ledger lines from concurrent submitters.
final class LedgerWriter: Sendable {
    private let handle: Mutex<FileHandle>

    init(handle: FileHandle) {
        self.handle = Mutex(handle)
    }

    func append(_ entry: LedgerEntry) {
        guard let line = try? JSONEncoder().encode(entry) else { return }
        self.handle.withLock { $0.write(line + Data("\n".utf8)) }
    }
}

/// Appends one CSV line (seconds since `start`, milliseconds, outcome) per submission, the
/// format `labctl run` reads from `latencies.csv`.
final class LatencyWriter: Sendable {
    private let handle: Mutex<FileHandle>
    private let start: ContinuousClock.Instant

    init(handle: FileHandle, start: ContinuousClock.Instant) {
        self.handle = Mutex(handle)
        self.start = start
    }

    func record(sent: ContinuousClock.Instant, ok: Bool) {
        let line = String(format: "%.4f,%.3f,%@\n", (sent - self.start).seconds, (ContinuousClock.now - sent).seconds * 1_000, ok ? "ok" : "fail")
        self.handle.withLock { $0.write(Data(line.utf8)) }
    }
}
