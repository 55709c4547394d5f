/// `uppercase`: the data in capitals, as in the seed ("hola mundo" → "HOLA MUNDO").
public struct UppercaseOperation: TaskOperation {
    public static let name = "uppercase"
    public static let summary = "the data in capital letters"
    public init() {}
    public func run(_ data: String) async throws -> String { data.uppercased() }
}
