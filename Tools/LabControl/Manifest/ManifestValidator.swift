/// The checks that look across nodes: unique names, dependencies that exist and form no cycle,
/// fixed ports used once, readiness probes on declared ports, templates that resolve.
enum ManifestValidator {
    static func check(_ manifest: Manifest, reader: inout ManifestReader) {
        let names = manifest.nodes.map(\.name)
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                reader.report("$.nodes[\(index)].name", "duplicate node name '\(name)' (first used by $.nodes[\(first)])")
            } else {
                seen[name] = index
            }
        }
        for (index, node) in manifest.nodes.enumerated() {
            let path = "$.nodes[\(index)]"
            self.checkDependencies(of: node, at: path, names: names, reader: &reader)
            self.checkProbe(of: node, at: path, reader: &reader)
            self.checkTemplates(of: node, at: path, manifest: manifest, reader: &reader)
        }
        self.checkFixedPorts(manifest, reader: &reader)
        if let cycle = self.dependencyCycle(manifest) {
            reader.report("$.nodes", "dependency cycle: \(cycle.joined(separator: " -> ")); a node cannot wait for itself")
        }
    }

    private static func checkDependencies(of node: NodeSpec, at path: String, names: [String], reader: inout ManifestReader) {
        for (index, dependency) in node.dependsOn.enumerated() {
            let dependencyPath = "\(path).dependsOn[\(index)]"
            if dependency == node.name {
                reader.report(dependencyPath, "node '\(node.name)' cannot depend on itself")
            } else if !names.contains(dependency) {
                reader.report(dependencyPath, self.missingNode(dependency, names: names))
            }
        }
    }

    private static func checkProbe(of node: NodeSpec, at path: String, reader: inout ManifestReader) {
        let port: String?
        switch node.ready?.check {
        case .tcp(let name)?: port = name
        case .http(let name, _)?, .grpc(let name, _)?: port = name
        case .logLine?, nil: port = nil
        }
        if let port, node.ports[port] == nil {
            reader.report("\(path).ready", "probe uses port '\(port)', which this node does not declare in 'ports' (declared: \(self.list(node.ports.keys)))")
        }
    }

    private static func checkTemplates(of node: NodeSpec, at path: String, manifest: Manifest, reader: inout ManifestReader) {
        let texts = node.args.enumerated().map { ("\(path).args[\($0.offset)]", $0.element) }
            + node.env.sorted { $0.key < $1.key }.map { ("\(path).env.\($0.key)", $0.value) }
        for (textPath, text) in texts {
            switch Template.parse(text) {
            case .failure(let error):
                reader.report(textPath, error.problem)
            case .success(let template):
                for reference in template.references {
                    let target = reference.node == "self" ? node : manifest.node(named: reference.node)
                    guard let target else {
                        reader.report(textPath, "template {{\(reference.node).\(reference.field)}}: \(self.missingNode(reference.node, names: manifest.nodes.map(\.name)))")
                        continue
                    }
                    if target.ports[reference.field] == nil, !Template.builtInFields.contains(reference.field) {
                        let fields = Array(target.ports.keys) + Template.builtInFields
                        reader.report(textPath, "template {{\(reference.node).\(reference.field)}}: node '\(target.name)' has no field '\(reference.field)' (it has: \(self.list(fields)))")
                    }
                }
                for link in template.links {
                    guard let target = manifest.node(named: link.node) else {
                        reader.report(textPath, "template {{via.\(link.node).\(link.port)}}: \(self.missingNode(link.node, names: manifest.nodes.map(\.name)))")
                        continue
                    }
                    if target.name == node.name {
                        reader.report(textPath, "template {{via.\(link.node).\(link.port)}}: a node reaches itself directly; use {{self.\(link.port)}}")
                    } else if target.ports[link.port] == nil {
                        reader.report(textPath, "template {{via.\(link.node).\(link.port)}}: node '\(target.name)' has no port '\(link.port)' (it has: \(self.list(target.ports.keys)))")
                    }
                }
            }
        }
    }

    private static func checkFixedPorts(_ manifest: Manifest, reader: inout ManifestReader) {
        var owners: [Int: String] = [:]
        for (index, node) in manifest.nodes.enumerated() {
            for (name, spec) in node.ports.sorted(by: { $0.key < $1.key }) {
                guard case .fixed(let number) = spec else { continue }
                let here = "\(node.name).\(name)"
                if let owner = owners[number] {
                    reader.report("$.nodes[\(index)].ports.\(name)", "port \(number) is already used by \(owner); use another port or \"auto\"")
                } else {
                    owners[number] = here
                }
            }
        }
    }

    /// A cycle among `dependsOn` edges, as the list of nodes around it, if there is one.
    static func dependencyCycle(_ manifest: Manifest) -> [String]? {
        var state: [String: Bool] = [:]  // false: on the current path, true: finished
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if state[name] == true { return nil }
            if state[name] == false {
                return Array(path[path.firstIndex(of: name)!...]) + [name]
            }
            state[name] = false
            path.append(name)
            for dependency in manifest.node(named: name)?.dependsOn ?? [] where manifest.node(named: dependency) != nil && dependency != name {
                if let cycle = visit(dependency) { return cycle }
            }
            path.removeLast()
            state[name] = true
            return nil
        }
        for node in manifest.nodes {
            if let cycle = visit(node.name) { return cycle }
        }
        return nil
    }

    private static func missingNode(_ name: String, names: [String]) -> String {
        let hint = ManifestReader.closest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
        return "no node is named '\(name)'\(hint) (nodes: \(self.list(names)))"
    }

    private static func list(_ items: some Sequence<String>) -> String {
        let sorted = Set(items).sorted()
        return sorted.isEmpty ? "none" : sorted.joined(separator: ", ")
    }
}
