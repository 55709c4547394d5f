import Foundation

/// `sleep`: waits `data` milliseconds (at most a minute) and answers "slept N ms". A slow task to
/// kill a worker in the middle of, in demos and tests.
public struct SleepOperation: TaskOperation {
    public static let name = "sleep"
    public static let summary = "wait DATA milliseconds (max 60000), for demos of crashes mid-task"
    public init() {}
    public func run(_ data: String) async throws -> String {
        guard let milliseconds = Int(data.trimmingCharacters(in: .whitespaces)), (0...60_000).contains(milliseconds) else {
            throw OperationFailure("sleep needs a number of milliseconds from 0 to 60000, got '\(data)'")
        }
        try await Task.sleep(for: .milliseconds(milliseconds))
        return "slept \(milliseconds) ms"
    }
}
