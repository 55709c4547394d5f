/// Every scenario of the shared suite, in the order a student meets them.
extension RaftScenario {
    public static let all: [RaftScenario] = election + replication + persistence + snapshots + production

    /// The scenario named `name`, for `raftkv sim --scenario`.
    public static func named(_ name: String) -> RaftScenario? { all.first { $0.name == name } }
}
