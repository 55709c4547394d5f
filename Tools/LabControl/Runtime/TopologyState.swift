/// What a running topology looks like, as the supervisor writes it to `state.json` and answers
/// `labctl status`. Plain Codable values so that any tool (or a grader) can read the file.
public struct TopologyState: Codable, Sendable, Equatable {
    /// The phases of a whole topology.
    public enum Phase: String, Codable, Sendable {
        case starting, running, failed, stopping, down
    }

    public var name: String
    public var manifestPath: String
    public var phase: Phase
    /// The process that supervises the nodes.
    public var supervisorPID: Int32
    /// The loopback port on which the supervisor takes commands.
    public var controlPort: Int?
    public var nodes: [NodeStatus]
    /// Why the topology failed, when it did.
    public var failure: String?
    /// The links labctl proxies (absent in topologies without `{{via...}}` templates).
    public var links: [LinkStatus]?
    /// The flows that are not healthy (partitioned, delayed, lossy, slow).
    public var faults: [FlowFault]?

    /// The status of the node called `name`.
    public func node(_ name: String) -> NodeStatus? { self.nodes.first { $0.name == name } }
}

/// One node's line in the topology state.
public struct NodeStatus: Codable, Sendable, Equatable {
    /// The phases of a node's life.
    public enum Phase: String, Codable, Sendable {
        /// Not started yet (waiting for its dependencies).
        case pending
        /// Started, readiness not yet confirmed.
        case starting
        /// Started and passed its readiness probe.
        case ready
        /// Stopped with SIGSTOP by `labctl pause`.
        case paused
        /// Stopped on request (`labctl stop`, `kill` or `down`); stays down until `restart`.
        case stopped
        /// Exited on its own and will not be restarted (policy or budget exhausted).
        case exited
        /// Exited on its own; a restart is scheduled by the restart policy.
        case restarting
        /// Failed to start or never became ready.
        case failed
    }

    public var name: String
    public var phase: Phase
    public var pid: Int32?
    /// Port name to port number, as allocated for this run.
    public var ports: [String: Int]
    /// Automatic restarts so far.
    public var restarts: Int
    /// How the last process of this node ended, e.g. "exited with code 3" or "killed by signal 9".
    public var lastExit: String?
    public var dataDirectory: String
    public var logFile: String
}
