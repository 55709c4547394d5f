import Foundation

/// A string with `{{node.field}}` references, resolved once ports are allocated.
///
/// `node` is a node's name or `self`; `field` is one of the node's port names, or `host`,
/// `dataDir` or `name`. Example: `["--tracker", "{{tracker.host}}:{{tracker.port}}"]`.
public struct Template: Sendable, Equatable {
    /// A piece of a template.
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case reference(node: String, field: String)
    }

    /// The fields every node has besides its ports.
    public static let builtInFields = ["host", "dataDir", "name"]

    public var segments: [Segment]

    /// Parses `text`; a malformed reference is reported as a message saying what is expected.
    public static func parse(_ text: String) -> Result<Template, TemplateSyntaxError> {
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                return .failure(TemplateSyntaxError(text: text, problem: "'{{' is never closed by '}}'"))
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let parts = inner.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                return .failure(TemplateSyntaxError(text: text, problem: "'{{\(inner)}}' must have the form {{node.field}}, e.g. {{tracker.port}}"))
            }
            segments.append(.reference(node: String(parts[0]), field: String(parts[1])))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        return .success(Template(segments: segments))
    }

    /// The node/field pairs this template refers to.
    public var references: [(node: String, field: String)] {
        self.segments.compactMap {
            if case .reference(let node, let field) = $0 { return (node, field) }
            return nil
        }
    }

    /// The text with every reference replaced by `lookup(node, field)`.
    public func render(_ lookup: (String, String) -> String) -> String {
        self.segments.map {
            switch $0 {
            case .literal(let text): return text
            case .reference(let node, let field): return lookup(node, field)
            }
        }.joined()
    }
}

/// A template string that does not parse.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public var text: String
    public var problem: String
}
