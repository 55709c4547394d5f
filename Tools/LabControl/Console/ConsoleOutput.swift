import Foundation

/// Prints node output and launcher events prefixed with the node's name, in a colour per node
/// when standard output is a terminal (and `NO_COLOR` is unset).
public struct ConsoleOutput: Sendable {
    private let width: Int
    private let colours: [String: String]
    private let useColour: Bool
    private static let palette = ["36", "33", "35", "32", "34", "91", "96", "93", "95", "92"]
    private static let lock = NSLock()

    /// Prepares prefixes for `names` (the launcher's own lines use the name `labctl`).
    public init(names: [String]) {
        let all = ["labctl"] + names
        self.width = all.map(\.count).max() ?? 6
        var colours: [String: String] = [:]
        for (index, name) in names.enumerated() { colours[name] = Self.palette[index % Self.palette.count] }
        colours["labctl"] = "1"
        self.colours = colours
        self.useColour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Prints `line` as coming from `name`.
    public func print(_ line: String, from name: String) {
        let padded = name.padding(toLength: self.width, withPad: " ", startingAt: 0)
        let prefix = self.useColour ? "\u{1B}[\(self.colours[name] ?? "0")m\(padded) |\u{1B}[0m" : "\(padded) |"
        Self.lock.withLock {
            Swift.print("\(prefix) \(line)")
            fflush(nil)
        }
    }
}
