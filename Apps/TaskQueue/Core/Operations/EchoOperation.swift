/// `echo`: the data unchanged; the default when a request names no operation.
public struct EchoOperation: TaskOperation {
    public static let name = "echo"
    public static let summary = "the data unchanged (the default op)"
    public init() {}
    public func run(_ data: String) async throws -> String { data }
}
