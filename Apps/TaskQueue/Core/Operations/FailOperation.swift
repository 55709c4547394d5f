/// `fail`: always fails with the data as its message. Shows retries with backoff and the
/// dead-letter list.
public struct FailOperation: TaskOperation {
    public static let name = "fail"
    public static let summary = "always fails (DATA is the error), to watch retries and dead letters"
    public init() {}
    public func run(_ data: String) async throws -> String {
        throw OperationFailure(data.isEmpty ? "failed as asked" : data)
    }
}
