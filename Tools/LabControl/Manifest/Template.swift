import Foundation

/// A string with `{{node.field}}` references, resolved once ports are allocated.
///
/// `node` is a node's name or `self`; `field` is one of the node's port names, or `host`,
/// `dataDir` or `name`. Example: `["--tracker", "{{tracker.host}}:{{tracker.port}}"]`.
///
/// `{{via.node.port}}` is the port of a link: a TCP proxy inside labctl that forwards to `node`'s
/// `port`, through which the node using the template reaches it — so that labctl can partition,
/// delay, drop or slow that traffic (`labctl partition`, `labctl delay`...).
public struct Template: Sendable, Equatable {
    /// A piece of a template.
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case reference(node: String, field: String)
        /// `{{via.node.port}}`: the proxied address of `node`'s `port`, for the node that uses it.
        case link(node: String, port: String)
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
            if parts.count == 3, parts[0] == "via", !parts[1].isEmpty, !parts[2].isEmpty {
                segments.append(.link(node: String(parts[1]), port: String(parts[2])))
            } else if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                segments.append(.reference(node: String(parts[0]), field: String(parts[1])))
            } else {
                return .failure(TemplateSyntaxError(
                    text: text, problem: "'{{\(inner)}}' must have the form {{node.field}}, e.g. {{tracker.port}}, or {{via.node.port}} for a link labctl can fault"))
            }
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

    /// The node/port pairs this template reaches through links.
    public var links: [(node: String, port: String)] {
        self.segments.compactMap {
            if case .link(let node, let port) = $0 { return (node, port) }
            return nil
        }
    }

    /// The text with every reference replaced by `lookup(node, field)` and every link by
    /// `link(node, port)`.
    public func render(_ lookup: (String, String) -> String, link: (String, String) -> String = { _, _ in "" }) -> String {
        self.segments.map {
            switch $0 {
            case .literal(let text): return text
            case .reference(let node, let field): return lookup(node, field)
            case .link(let node, let port): return link(node, port)
            }
        }.joined()
    }
}

/// A template string that does not parse.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public var text: String
    public var problem: String
}
