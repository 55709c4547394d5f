/// The operations workers know, by name.
public struct OperationRegistry: Sendable {
    private var operations: [String: any TaskOperation]
    private var summaries: [String: String]

    /// An empty registry.
    public init() {
        self.operations = [:]
        self.summaries = [:]
    }

    /// The operations of the lab: the seed's three and two for demonstrating failures.
    public static let standard: OperationRegistry = {
        var registry = OperationRegistry()
        registry.register(UppercaseOperation())
        registry.register(HashOperation())
        registry.register(EchoOperation())
        registry.register(SleepOperation())
        registry.register(FailOperation())
        return registry
    }()

    /// Adds `operation` under its name (replacing one of the same name).
    public mutating func register<Operation: TaskOperation>(_ operation: Operation) {
        self.operations[Operation.name] = operation
        self.summaries[Operation.name] = Operation.summary
    }

    /// The operation called `name`, if registered.
    public func operation(named name: String) -> (any TaskOperation)? { self.operations[name] }

    /// Registered names, sorted.
    public var names: [String] { self.operations.keys.sorted() }

    /// "name: summary" lines for help texts.
    public var help: [String] { self.names.map { "\($0): \(self.summaries[$0] ?? "")" } }
}
