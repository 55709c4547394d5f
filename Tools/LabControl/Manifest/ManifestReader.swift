/// Walks a `JSONValue` while remembering the JSON path, and records problems instead of throwing,
/// so that one pass reports everything wrong with a manifest.
struct ManifestReader {
    private(set) var problems: [ManifestProblem] = []

    mutating func report(_ path: String, _ message: String) {
        self.problems.append(ManifestProblem(path: path, message: message))
    }

    /// The fields of an object, after reporting any key not in `known` (with a suggestion).
    mutating func object(_ value: JSONValue, at path: String, known: [String]) -> [String: JSONValue]? {
        guard case .object(let fields) = value else {
            self.report(path, "must be an object, found \(value.kindName)")
            return nil
        }
        for key in fields.keys.sorted() where !known.contains(key) {
            let hint = Self.closest(to: key, among: known).map { "; did you mean '\($0)'?" } ?? ""
            self.report(Self.child(path, key), "unknown field '\(key)'\(hint) (known fields: \(known.joined(separator: ", ")))")
        }
        return fields
    }

    mutating func string(_ value: JSONValue?, at path: String, required: Bool = false) -> String? {
        switch value {
        case .string(let text)?:
            return text
        case nil where !required, .null? where !required:
            return nil
        case nil, .null?:
            self.report(path, "is required (a string)")
            return nil
        case let other?:
            self.report(path, "must be a string, found \(other.kindName)")
            return nil
        }
    }

    mutating func integer(_ value: JSONValue?, at path: String, in range: ClosedRange<Int>) -> Int? {
        switch value {
        case nil, .null?:
            return nil
        case .number(let number)? where number.rounded() == number && range.contains(Int(exactly: number) ?? Int.min):
            return Int(number)
        case .number(let number)?:
            self.report(path, "must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(JSONValue.number(number).shortDescription)")
            return nil
        case let other?:
            self.report(path, "must be a whole number, found \(other.kindName)")
            return nil
        }
    }

    mutating func seconds(_ value: JSONValue?, at path: String) -> Duration? {
        switch value {
        case nil, .null?:
            return nil
        case .number(let number)? where number > 0 && number <= 3600:
            return .milliseconds(Int64(number * 1000))
        case let other?:
            self.report(path, "must be a number of seconds above 0 and at most 3600, found \(other.shortDescription)")
            return nil
        }
    }

    mutating func strings(_ value: JSONValue?, at path: String) -> [String] {
        switch value {
        case nil, .null?:
            return []
        case .array(let items)?:
            return items.enumerated().compactMap { index, item in self.string(item, at: "\(path)[\(index)]", required: true) }
        case let other?:
            self.report(path, "must be an array of strings, found \(other.kindName)")
            return []
        }
    }

    static func child(_ path: String, _ key: String) -> String { "\(path).\(key)" }

    /// The known name within edit distance 2 of `word`, if there is one.
    static func closest(to word: String, among candidates: [String]) -> String? {
        if word.count >= 4, let extended = candidates.first(where: { $0.lowercased().hasPrefix(word.lowercased()) }) {
            return extended
        }
        return candidates
            .map { ($0, Self.editDistance(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
