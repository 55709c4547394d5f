/// The result of one graded check, as a course collects it: written as JSON by `Grading.run` and
/// gathered into a `GradeReport` by `labctl exercise grade`.
public struct GradeRecord: Sendable, Equatable, Codable {
    /// How a check ended, in one word.
    public enum Result: String, Sendable, Codable {
        case passed, failed, skipped
    }

    public var step: String
    public var check: String
    public var summary: String
    public var points: Int
    public var earned: Int
    public var result: Result
    /// Why it failed or was skipped.
    public var message: String?
    /// A file with the failing run's timeline, when the suite writes one.
    public var trace: String?
    public var seed: UInt64
    /// The command that runs this check again with the same seed.
    public var replay: String

    public init(check: GradedCheck, outcome: CheckOutcome, seed: UInt64, replay: String) {
        self.step = check.step
        self.check = check.name
        self.summary = check.summary
        self.points = check.points
        self.seed = seed
        self.replay = replay
        switch outcome {
        case .passed:
            self.result = .passed
            self.earned = check.points
        case .failed(let message, let trace):
            self.result = .failed
            self.earned = 0
            self.message = message
            self.trace = trace
        case .skipped(let reason):
            self.result = .skipped
            self.earned = 0
            self.message = reason
        }
    }

    /// What a test reports when the check did not pass: what went wrong, the trace, how to replay.
    public var failureReport: String? {
        guard self.result != .passed else { return nil }
        var lines = ["\(self.step) \(self.check) \(self.result.rawValue): \(self.message ?? "no message")"]
        if let trace = self.trace { lines.append("  trace:  \(trace)") }
        lines.append("  replay: \(self.replay)")
        return lines.joined(separator: "\n")
    }
}
