import Foundation
import LabRandom
import TaskQueueCore

/// The randomized check: from the seed, many histories of one task each, with a policy drawn at
/// random, in which several workers lease, extend, complete and fail it with current and stale
/// tokens while time passes and leases expire, and a dead task is requeued. After every call the
/// rules under test must agree with `LeaseModel`; the first divergence fails the check, naming the
/// history, the step and the rule, and leaves the whole history in a trace file.
struct RandomHistories {
    static let summary = "random histories of leases, extends, completes, fails, expiries and requeues by several workers "
        + "follow the rules at every step (attempts never exceed maxAttempts, a done task never changes, only the current lease's token is honoured)"
    static let histories = 30
    static let eventsPerHistory = 40
    /// Where a failing run leaves its history.
    static let traceDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("distlab-taskqueue-traces").path

    var probe: LifecycleProbe

    func run() throws(CheckFailure) {
        var random = SplitMix64(seed: self.probe.seed)
        for number in 1...Self.histories {
            var history = RandomHistory(number: number, of: Self.histories, probe: self.probe, random: random.split())
            do throws(CheckFailure) {
                try history.run(events: Self.eventsPerHistory)
            } catch {
                throw CheckFailure(error.message, trace: self.writeTrace(history.log))
            }
        }
    }

    /// Writes the failing history; returns its path, or nil when it cannot be written.
    private func writeTrace(_ lines: [String]) -> String? {
        let path = "\(Self.traceDirectory)/random-histories-\(self.probe.seed).txt"
        let header = "random-histories, seed \(self.probe.seed) (replay with LAB_SEED=\(self.probe.seed)); times from t+0s\n"
        do {
            try FileManager.default.createDirectory(atPath: Self.traceDirectory, withIntermediateDirectories: true)
            try Data((header + lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return path
        } catch {
            return nil
        }
    }
}
