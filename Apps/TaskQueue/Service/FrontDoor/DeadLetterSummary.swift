import TaskQueueCore

/// One entry of the `dead` reply: a dead-lettered task, with its data and last error shortened
/// so that a hundred of them always fit in one reply line (`status` shows the full error).
public struct DeadLetterSummary: Sendable, Equatable, Codable {
    /// How many characters of `data` and `lastError` are kept.
    public static let previewLength = 200

    public var id: String
    public var op: String
    public var data: String
    public var attempts: Int
    public var lastError: String

    /// The summary of dead task `task`.
    public init(_ task: TaskRecord) {
        self.id = task.id
        self.op = task.op
        self.data = Self.preview(task.data)
        self.attempts = task.attempts
        self.lastError = Self.preview(task.lastError ?? "")
    }

    private static func preview(_ text: String) -> String {
        text.count <= Self.previewLength ? text : text.prefix(Self.previewLength) + "…"
    }
}
