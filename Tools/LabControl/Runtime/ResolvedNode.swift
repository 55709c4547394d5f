import Foundation

/// A node ready to launch: its executable found, ports allocated and templates filled in.
struct ResolvedNode: Sendable {
    var spec: NodeSpec
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var ports: [String: Int]
    var dataDirectory: URL
    var logFile: URL

    /// Resolves every node of `manifest`: allocates auto ports (and one port per link that a
    /// `{{via.node.port}}` template asks for) once for the whole run and renders each node's
    /// templates with them.
    static func resolveAll(
        _ manifest: Manifest,
        runDirectory: RunDirectory,
        locator: ExecutableLocator
    ) throws -> (nodes: [String: ResolvedNode], links: [LinkSpec]) {
        var ports: [String: [String: Int]] = [:]
        // Every port of the run, so that no auto port (or link) is given out twice.
        var taken = Set(manifest.nodes.flatMap { node in
            node.ports.values.compactMap { spec -> Int? in if case .fixed(let number) = spec { number } else { nil } }
        })
        for node in manifest.nodes {
            var assigned: [String: Int] = [:]
            for (name, spec) in node.ports.sorted(by: { $0.key < $1.key }) {
                switch spec {
                case .fixed(let number):
                    guard PortAllocator.isFree(number) else {
                        throw ControlError.portInUse(node: node.name, port: name, number: number)
                    }
                    assigned[name] = number
                case .auto:
                    assigned[name] = try PortAllocator.freePort(avoiding: &taken)
                }
            }
            ports[node.name] = assigned
        }
        var links: [String: LinkSpec] = [:]
        for node in manifest.nodes {
            for text in node.args + node.env.sorted(by: { $0.key < $1.key }).map(\.value) {
                for link in (try? Template.parse(text).get())?.links ?? [] {
                    let key = "\(node.name)>\(link.node).\(link.port)"
                    guard links[key] == nil, let target = ports[link.node]?[link.port] else { continue }
                    links[key] = LinkSpec(from: node.name, to: link.node, port: link.port, listenPort: try PortAllocator.freePort(avoiding: &taken), targetPort: target)
                }
            }
        }
        func lookup(_ self: NodeSpec) -> (String, String) -> String {
            { nodeName, field in
                let name = nodeName == "self" ? self.name : nodeName
                switch field {
                case "host": return "127.0.0.1"
                case "name": return name
                case "dataDir": return runDirectory.dataDirectory(name).path
                default: return ports[name]?[field].map(String.init) ?? ""
                }
            }
        }
        var resolved: [String: ResolvedNode] = [:]
        for node in manifest.nodes {
            let render = { (text: String) -> String in
                (try? Template.parse(text).get())?.render(lookup(node)) { target, port in
                    links["\(node.name)>\(target).\(port)"].map { String($0.listenPort) } ?? ""
                } ?? text
            }
            var environment = node.env.mapValues(render)
            environment["LAB_TOPOLOGY"] = manifest.name
            environment["LAB_NODE"] = node.name
            environment["LAB_DATA_DIR"] = runDirectory.dataDirectory(node.name).path
            for (name, number) in ports[node.name] ?? [:] {
                environment["LAB_PORT_\(name.uppercased().replacingOccurrences(of: "-", with: "_"))"] = String(number)
            }
            resolved[node.name] = ResolvedNode(
                spec: node,
                executable: try locator.locate(node.command),
                arguments: node.args.map(render),
                environment: environment,
                ports: ports[node.name] ?? [:],
                dataDirectory: runDirectory.dataDirectory(node.name),
                logFile: runDirectory.logFile(node.name)
            )
        }
        return (resolved, links.values.sorted { ($0.from, $0.to, $0.port) < ($1.from, $1.to, $1.port) })
    }
}
