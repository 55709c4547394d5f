/// A lab topology: the processes to start, how they find each other, and how to watch them.
///
/// Read from a JSON file by `ManifestParser`, which checks everything a typo could break before
/// any process starts. The JSON Schema in `labs/manifest.schema.json` describes the same format.
public struct Manifest: Sendable, Equatable {
    /// The topology's name; it names the run directory `.lab/<name>/`.
    public var name: String
    /// One line for `labctl status` and the docs.
    public var description: String
    /// The processes, in the order the manifest lists them.
    public var nodes: [NodeSpec]

    /// The node called `name`, if any.
    public func node(named name: String) -> NodeSpec? {
        self.nodes.first { $0.name == name }
    }
}

/// One process of a topology.
public struct NodeSpec: Sendable, Equatable {
    /// Unique within the manifest; used in templates (`{{name.port}}`), logs and commands.
    public var name: String
    /// The executable: a product name found next to `labctl` or on PATH, or a path (relative paths
    /// are taken from the manifest's folder).
    public var command: String
    /// Arguments, which may contain templates such as `{{tracker.port}}` or `{{self.dataDir}}`.
    public var args: [String]
    /// Extra environment variables (values may contain templates).
    public var env: [String: String]
    /// Named ports, each fixed or chosen by the OS when the topology starts.
    public var ports: [String: PortSpec]
    /// How to tell that the node is ready; nil means "as soon as it has started".
    public var ready: ReadinessProbe?
    /// Nodes that must be ready before this one starts.
    public var dependsOn: [String]
    /// What to do when the node exits without being asked to.
    public var restart: RestartPolicy
    /// How long a node may take to exit after SIGTERM before it gets SIGKILL.
    public var stopGracePeriod: Duration
}

/// A port of a node: a fixed number, or `"auto"` for one the OS picks at start-up.
public enum PortSpec: Sendable, Equatable {
    case fixed(Int)
    case auto
}

/// How the launcher decides that a node is ready to serve.
public struct ReadinessProbe: Sendable, Equatable {
    /// The check itself.
    public enum Check: Sendable, Equatable {
        /// A TCP connection to the named port succeeds.
        case tcp(port: String)
        /// An HTTP GET of `path` on the named port answers 2xx.
        case http(port: String, path: String)
        /// The gRPC health service on the named port answers SERVING for `service`.
        case grpc(port: String, service: String)
        /// The node's output contains this text.
        case logLine(String)
    }

    public var check: Check
    /// How long to wait for readiness before declaring the start failed.
    public var timeout: Duration
}

/// Whether and how often a node that exits on its own is started again.
public struct RestartPolicy: Sendable, Equatable {
    /// When a restart applies.
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// Never restart: the exit is reported and the node stays down.
        case never
        /// Restart after a non-zero exit or a death by signal.
        case onFailure = "on-failure"
        /// Restart after any exit.
        case always
    }

    public var mode: Mode
    /// The most automatic restarts in the life of the topology.
    public var maximumRestarts: Int

    /// No restarts.
    public static let never = RestartPolicy(mode: .never, maximumRestarts: 0)
}
