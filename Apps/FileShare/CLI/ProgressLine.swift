import Foundation
import LabNet
import Synchronization

/// A one-line progress bar with rate and ETA on a terminal (stderr), redrawn at most ten times a
/// second; silent when stderr is not a terminal, so logs and pipes stay clean.
final class ProgressLine: Sendable {
    private let label: String
    private let total: Int64
    private let start = ContinuousClock.now
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)
    private let enabled = isatty(STDERR_FILENO) == 1

    init(_ label: String, total: Int64) {
        self.label = label
        self.total = total
    }

    /// Redraws the line for `done` bytes; `detail` is appended (e.g. "3 peers").
    func update(_ done: Int64, detail: String = "") {
        guard self.enabled else { return }
        let now = ContinuousClock.now
        let due = self.lastDraw.withLock { last in
            guard done >= self.total || last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        let fraction = self.total > 0 ? Double(done) / Double(self.total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(self.seconds, 0.001)
        let eta = rate > 0 ? Double(self.total - done) / rate : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r%@ [%@] %3.0f%% %@ %@/s ETA %.0fs %@", self.label, bar, fraction * 100, Self.bytes(done), Self.bytes(Int64(rate)), eta, detail)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the line.
    func finish() {
        if self.enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    var seconds: Double {
        (ContinuousClock.now - self.start).seconds
    }

    /// `bytes` in B, KB, MB or GB (powers of 1000, as transfer rates are usually given).
    static func bytes(_ bytes: Int64) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1f KB", value / 1e3) }
        return "\(bytes) B"
    }
}
