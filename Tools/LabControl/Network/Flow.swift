import Foundation

/// The bytes one node sends to another, whichever of them opened the connection: what a network
/// fault acts on. `A->B` passes through the link A opened to B (its forward direction) and the
/// link B opened to A (its backward direction).
public struct Flow: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// Parses `A->B`.
    public init?(parsing text: String) {
        let parts = text.components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0] != parts[1] else { return nil }
        self.init(from: parts[0], to: parts[1])
    }

    public var description: String { "\(self.from)->\(self.to)" }

    public static func < (lhs: Flow, rhs: Flow) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
}
