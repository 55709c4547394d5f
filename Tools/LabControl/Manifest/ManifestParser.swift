import Foundation
import LabWire
import NIOCore

/// Reads a manifest from JSON and checks it completely: unknown fields, wrong types, missing or
/// duplicate nodes, dependency cycles, duplicate fixed ports and templates that name a node or
/// field that does not exist. All problems are reported together, each with its JSON path.
public enum ManifestParser {
    static let topLevelFields = ["name", "description", "nodes", "$schema"]
    static let nodeFields = ["name", "command", "args", "env", "ports", "ready", "dependsOn", "restart", "stopGracePeriod"]
    static let readyFields = ["tcp", "http", "grpc", "log", "timeout"]
    static let restartFields = ["policy", "maxRestarts"]
    static let namePattern = "letters, digits, '-' and '_'"

    /// Reads and checks the manifest at `url`.
    public static func load(contentsOf url: URL) throws -> Manifest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ManifestError(source: url.path, problems: [ManifestProblem(path: "$", message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try self.parse(data, source: url.path)
    }

    /// Parses and checks manifest JSON; `source` names it in error messages.
    public static func parse(_ data: Data, source: String) throws(ManifestError) -> Manifest {
        let document: JSONValue
        do {
            document = try JSONLineCoding.decode(JSONValue.self, from: ByteBuffer(bytes: data))
        } catch {
            throw ManifestError(source: source, problems: [ManifestProblem(path: "$", message: self.locate(error.description, in: data))])
        }
        var reader = ManifestReader()
        let manifest = self.readManifest(document, reader: &reader)
        if let manifest { ManifestValidator.check(manifest, reader: &reader) }
        guard let manifest, reader.problems.isEmpty else {
            throw ManifestError(source: source, problems: reader.problems)
        }
        return manifest
    }

    private static func readManifest(_ document: JSONValue, reader: inout ManifestReader) -> Manifest? {
        guard let fields = reader.object(document, at: "$", known: self.topLevelFields) else { return nil }
        let name = reader.string(fields["name"], at: "$.name", required: true)
        if let name, !self.isValidName(name) {
            reader.report("$.name", "'\(name)' may only contain \(self.namePattern)")
        }
        let description = reader.string(fields["description"], at: "$.description") ?? ""
        var nodes: [NodeSpec] = []
        switch fields["nodes"] {
        case .array(let items)? where !items.isEmpty:
            for (index, item) in items.enumerated() {
                if let node = self.readNode(item, at: "$.nodes[\(index)]", reader: &reader) { nodes.append(node) }
            }
        case .array?, nil, .null?:
            reader.report("$.nodes", "is required: a non-empty array of nodes")
        case let other?:
            reader.report("$.nodes", "must be an array of nodes, found \(other.kindName)")
        }
        return Manifest(name: name ?? "", description: description, nodes: nodes)
    }

    private static func readNode(_ value: JSONValue, at path: String, reader: inout ManifestReader) -> NodeSpec? {
        guard let fields = reader.object(value, at: path, known: self.nodeFields) else { return nil }
        let name = reader.string(fields["name"], at: "\(path).name", required: true) ?? ""
        if !name.isEmpty, !self.isValidName(name) || name == "self" {
            reader.report("\(path).name", "'\(name)' is not a usable node name: use \(self.namePattern), and not 'self'")
        }
        let command = reader.string(fields["command"], at: "\(path).command", required: true) ?? ""
        let ports = self.readPorts(fields["ports"], at: "\(path).ports", reader: &reader)
        return NodeSpec(
            name: name,
            command: command,
            args: reader.strings(fields["args"], at: "\(path).args"),
            env: self.readEnvironment(fields["env"], at: "\(path).env", reader: &reader),
            ports: ports,
            ready: fields["ready"].flatMap { self.readProbe($0, at: "\(path).ready", reader: &reader) },
            dependsOn: reader.strings(fields["dependsOn"], at: "\(path).dependsOn"),
            restart: self.readRestart(fields["restart"], at: "\(path).restart", reader: &reader),
            stopGracePeriod: reader.seconds(fields["stopGracePeriod"], at: "\(path).stopGracePeriod") ?? .seconds(5)
        )
    }

    private static func readPorts(_ value: JSONValue?, at path: String, reader: inout ManifestReader) -> [String: PortSpec] {
        guard let value, value != .null else { return [:] }
        guard case .object(let fields) = value else {
            reader.report(path, "must be an object of port names to a number or \"auto\", found \(value.kindName)")
            return [:]
        }
        var ports: [String: PortSpec] = [:]
        for (portName, spec) in fields.sorted(by: { $0.key < $1.key }) {
            let portPath = "\(path).\(portName)"
            if !self.isValidName(portName) || Template.builtInFields.contains(portName) {
                reader.report(portPath, "'\(portName)' is not a usable port name: use \(self.namePattern), and none of \(Template.builtInFields.joined(separator: ", "))")
            }
            if case .string("auto") = spec {
                ports[portName] = .auto
            } else if case .number = spec, let number = reader.integer(spec, at: portPath, in: 1...65535) {
                ports[portName] = .fixed(number)
            } else if case .number = spec {
                continue
            } else {
                reader.report(portPath, "must be a port number (1-65535) or \"auto\", found \(spec.kindName)")
            }
        }
        return ports
    }

    private static func readEnvironment(_ value: JSONValue?, at path: String, reader: inout ManifestReader) -> [String: String] {
        guard let value, value != .null else { return [:] }
        guard case .object(let fields) = value else {
            reader.report(path, "must be an object of variable names to strings, found \(value.kindName)")
            return [:]
        }
        var environment: [String: String] = [:]
        for (key, item) in fields.sorted(by: { $0.key < $1.key }) {
            if let text = reader.string(item, at: "\(path).\(key)", required: true) { environment[key] = text }
        }
        return environment
    }

    private static func readProbe(_ value: JSONValue, at path: String, reader: inout ManifestReader) -> ReadinessProbe? {
        guard let fields = reader.object(value, at: path, known: self.readyFields) else { return nil }
        let timeout = reader.seconds(fields["timeout"], at: "\(path).timeout") ?? .seconds(30)
        let kinds = ["tcp", "http", "grpc", "log"].filter { fields[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            reader.report(path, "must have exactly one of tcp, http, grpc or log, found \(kinds.isEmpty ? "none" : kinds.joined(separator: ", "))")
            return nil
        }
        let kindPath = "\(path).\(kind)"
        let check: ReadinessProbe.Check?
        switch kind {
        case "tcp":
            check = reader.string(fields[kind], at: kindPath, required: true).map { .tcp(port: $0) }
        case "log":
            check = reader.string(fields[kind], at: kindPath, required: true).map { .logLine($0) }
        default:
            let known = kind == "http" ? ["port", "path"] : ["port", "service"]
            guard let probe = fields[kind], let inner = reader.object(probe, at: kindPath, known: known),
                  let port = reader.string(inner["port"], at: "\(kindPath).port", required: true)
            else { return nil }
            if kind == "http" {
                check = .http(port: port, path: reader.string(inner["path"], at: "\(kindPath).path") ?? "/")
            } else {
                check = .grpc(port: port, service: reader.string(inner["service"], at: "\(kindPath).service") ?? "")
            }
        }
        return check.map { ReadinessProbe(check: $0, timeout: timeout) }
    }

    private static func readRestart(_ value: JSONValue?, at path: String, reader: inout ManifestReader) -> RestartPolicy {
        guard let value, value != .null, let fields = reader.object(value, at: path, known: self.restartFields) else {
            return .never
        }
        let modes = RestartPolicy.Mode.allCases.map(\.rawValue)
        var mode = RestartPolicy.Mode.never
        if let text = reader.string(fields["policy"], at: "\(path).policy", required: true) {
            if let parsed = RestartPolicy.Mode(rawValue: text) {
                mode = parsed
            } else {
                reader.report("\(path).policy", "'\(text)' is not a restart policy; use one of \(modes.joined(separator: ", "))")
            }
        }
        let maximum = reader.integer(fields["maxRestarts"], at: "\(path).maxRestarts", in: 0...1000) ?? (mode == .never ? 0 : 5)
        return RestartPolicy(mode: mode, maximumRestarts: maximum)
    }

    /// Adds "line L, column C" to a parser message that gives a character offset.
    private static func locate(_ message: String, in data: Data) -> String {
        guard let range = message.range(of: #"character \d+"#, options: .regularExpression),
              let offset = Int(message[range].dropFirst("character ".count)), offset <= data.count
        else { return message }
        let before = data.prefix(offset)
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return "\(message) (line \(line), column \(column))"
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
