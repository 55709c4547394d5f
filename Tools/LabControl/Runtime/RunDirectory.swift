import Foundation

/// The folder where a running topology keeps its state: `<root>/<topology>/` with `state.json`,
/// `supervisor.log` and, per node, `nodes/<node>/output.log` and `nodes/<node>/data/`.
///
/// Data directories outlive restarts and `labctl down`, so a node restarted keeps its data;
/// `labctl up --fresh` clears them.
public struct RunDirectory: Sendable {
    /// The folder of all topologies (default `.lab` in the current directory).
    public let root: URL
    /// The topology's name.
    public let topology: String

    public init(root: URL, topology: String) {
        self.root = root
        self.topology = topology
    }

    public var folder: URL { self.root.appendingPathComponent(self.topology, isDirectory: true) }
    public var stateFile: URL { self.folder.appendingPathComponent("state.json") }
    public var supervisorLog: URL { self.folder.appendingPathComponent("supervisor.log") }

    public func nodeFolder(_ node: String) -> URL {
        self.folder.appendingPathComponent("nodes", isDirectory: true).appendingPathComponent(node, isDirectory: true)
    }

    public func logFile(_ node: String) -> URL { self.nodeFolder(node).appendingPathComponent("output.log") }
    public func dataDirectory(_ node: String) -> URL { self.nodeFolder(node).appendingPathComponent("data", isDirectory: true) }

    /// Creates the folders for `nodes`; with `fresh`, deletes earlier data and logs first.
    public func prepare(nodes: [String], fresh: Bool) throws {
        let files = FileManager.default
        if fresh { try? files.removeItem(at: self.folder) }
        for node in nodes {
            try files.createDirectory(at: self.dataDirectory(node), withIntermediateDirectories: true)
        }
    }

    /// Writes `state` atomically (temp file and rename), so readers never see half a file.
    public func write(_ state: TopologyState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(state).write(to: self.stateFile, options: .atomic)
    }

    /// The last state written, or nil when the topology never ran here.
    public func readState() throws -> TopologyState? {
        guard let data = try? Data(contentsOf: self.stateFile) else { return nil }
        return try JSONDecoder().decode(TopologyState.self, from: data)
    }

    /// The topologies that have a state file under `root`, sorted by name.
    public static func topologies(under root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("state.json").path) }.sorted()
    }
}
