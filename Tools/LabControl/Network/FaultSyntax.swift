import Foundation

/// The command-line forms of network faults: `n1,n2 | n3`, `n1->n2`, `50ms±20ms`, `10%`, `1MB/s`.
public enum FaultSyntax {
    /// `A,B | C,D` (the arguments joined): node groups; one group alone is that group against the rest.
    public static func groups(_ arguments: [String]) throws(FaultSyntaxError) -> [[String]] {
        let groups = arguments.joined(separator: " ").split(separator: "|", omittingEmptySubsequences: false).map { Self.names(String($0)) }
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else {
            throw FaultSyntaxError("expected node groups like `n1,n2 | n3` (quote the |), or one group to cut it off from the rest")
        }
        return groups
    }

    /// `A,B->C` (or `A -> C` as separate arguments): every flow from a left node to a right node.
    public static func flows(_ text: String) throws(FaultSyntaxError) -> [Flow] {
        let sides = text.components(separatedBy: "->")
        guard sides.count == 2 else { throw FaultSyntaxError("expected a direction like n1->n2 (or n1,n2->n3), got '\(text)'") }
        let from = Self.names(sides[0]), to = Self.names(sides[1])
        guard !from.isEmpty, !to.isEmpty else { throw FaultSyntaxError("expected nodes on both sides of '->' in '\(text)'") }
        let flows = from.flatMap { a in to.filter { $0 != a }.map { Flow(from: a, to: $0) } }
        guard !flows.isEmpty else { throw FaultSyntaxError("'\(text)' names no flow between two different nodes") }
        return flows
    }

    /// `50ms`, `50ms±20ms`, `50ms+-20ms`, `0.5s`: the delay and jitter in milliseconds.
    public static func delay(_ text: String) throws(FaultSyntaxError) -> (milliseconds: Double, jitter: Double) {
        let parts = text.replacingOccurrences(of: "+-", with: "±").split(separator: "±", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let delay = Self.milliseconds(String(parts[0])) else {
            throw FaultSyntaxError("expected a delay like 50ms, 50ms±20ms or 0.2s, got '\(text)'")
        }
        let jitter = parts.count == 2 ? Self.milliseconds(String(parts[1])) : 0
        guard let jitter, jitter <= delay else { throw FaultSyntaxError("the jitter in '\(text)' must be a duration no larger than the delay") }
        return (delay, jitter)
    }

    /// `10%` (or `10`): a percentage from 0 to 100.
    public static func percent(_ text: String) throws(FaultSyntaxError) -> Double {
        guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(value) else {
            throw FaultSyntaxError("expected a percentage from 0 to 100 like 10%, got '\(text)'")
        }
        return value
    }

    /// `1MB/s`, `500KB/s`, `2000B/s` (powers of 1000), or `off`: bytes per second.
    public static func rate(_ text: String) throws(FaultSyntaxError) -> Int? {
        if text == "off" { return nil }
        let units: [(String, Double)] = [("GB/s", 1e9), ("MB/s", 1e6), ("KB/s", 1e3), ("kB/s", 1e3), ("B/s", 1)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            if let value = Double(text.dropLast(unit.count)), value > 0 { return max(1, Int(value * scale)) }
        }
        throw FaultSyntaxError("expected a rate like 1MB/s, 500KB/s or off, got '\(text)'")
    }

    /// The change `labctl ACTION WORDS...` asks for (partition, heal, delay, drop, slow), as the
    /// command line and scenario files both write it: `partition n1 | n2,n3`,
    /// `partition --one-way n1->n2`, `heal [n1->n2]`, `delay n1->n2 50ms±20ms`, `drop n1->n2 10%`,
    /// `slow n1->n2 1MB/s`.
    public static func change(_ action: String, _ words: [String]) throws(FaultSyntaxError) -> NetworkChange {
        switch action {
        case "partition":
            if words.first == "--one-way" {
                let flows = try Self.flows(words.dropFirst().joined())
                return .oneWay(from: Array(Set(flows.map(\.from))).sorted(), to: Array(Set(flows.map(\.to))).sorted())
            }
            return .partition(groups: try Self.groups(words))
        case "heal":
            var flows: [Flow] = []
            for word in words { flows += try Self.flows(word) }
            return .heal(flows: flows)
        case "delay", "drop", "slow":
            guard words.count == 2 else { throw FaultSyntaxError("\(action) takes a flow and a value, e.g. `\(action) n1->n2 \(Self.example[action] ?? "")`") }
            let flows = try Self.flows(words[0])
            switch action {
            case "delay":
                let (milliseconds, jitter) = try Self.delay(words[1])
                return .delay(flows: flows, milliseconds: milliseconds, jitter: jitter)
            case "drop": return .drop(flows: flows, percent: try Self.percent(words[1]))
            default: return .slow(flows: flows, bytesPerSecond: try Self.rate(words[1]))
            }
        default:
            throw FaultSyntaxError("'\(action)' is not a network fault (partition, heal, delay, drop, slow)")
        }
    }

    private static let example = ["delay": "50ms±20ms", "drop": "10%", "slow": "1MB/s"]

    private static func names(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    private static func milliseconds(_ text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("ms"), let value = Double(text.dropLast(2)), value >= 0 { return value }
        if text.hasSuffix("s"), let value = Double(text.dropLast()), value >= 0 { return value * 1_000 }
        return nil
    }
}

/// A fault written in a form `FaultSyntax` does not read.
public struct FaultSyntaxError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
