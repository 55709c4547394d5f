/// One graded test of a student exercise: a named, seeded check of the student's code against the
/// shared suite, worth `points`. The suites of the labs (`RaftSuite`, `TaskQueueSuite`,
/// `FileShareSuite`) hand these out; an exercise's tests run them with `Grading.run`.
public struct GradedCheck: Sendable, CustomStringConvertible {
    /// The step of the exercise it belongs to, e.g. "3A-election".
    public var step: String
    /// A short, stable name, unique within the exercise, e.g. "initial-election".
    public var name: String
    /// What it checks, in one sentence.
    public var summary: String
    public var points: Int
    private let body: @Sendable (_ seed: UInt64) -> CheckOutcome

    public init(step: String, name: String, summary: String, points: Int = 1, body: @escaping @Sendable (_ seed: UInt64) -> CheckOutcome) {
        precondition(points >= 0, "a check cannot be worth \(points) points")
        self.step = step
        self.name = name
        self.summary = summary
        self.points = points
        self.body = body
    }

    /// Runs the check with `seed`; every random choice it makes must come from that seed.
    public func run(seed: UInt64) -> CheckOutcome { self.body(seed) }

    public var description: String { self.name }
}

/// How one run of a check ended.
public enum CheckOutcome: Sendable, Equatable {
    case passed
    /// `message` says what was expected and what happened; `trace` names a file with the run's timeline.
    case failed(message: String, trace: String? = nil)
    /// The student's code does not offer what the check needs (yet); it earns no points.
    case skipped(reason: String)
}
