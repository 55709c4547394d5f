/// One thing wrong with a manifest: where (a JSON path such as `nodes[2].ready.tcp`) and what.
public struct ManifestProblem: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path of the offending value; `$` is the whole document.
    public var path: String
    /// What is wrong, and when possible how to fix it.
    public var message: String

    public var description: String { "\(self.path): \(self.message)" }
}

/// A manifest that cannot be used, with every problem found in it (not just the first).
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    /// The file the manifest came from, for the message.
    public var source: String
    /// Every problem, in document order.
    public var problems: [ManifestProblem]

    public var description: String {
        let count = self.problems.count
        let header = "\(self.source): \(count) problem\(count == 1 ? "" : "s") in the manifest"
        return ([header] + self.problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}
