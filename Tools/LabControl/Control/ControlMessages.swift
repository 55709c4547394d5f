/// A command sent to a running supervisor over its loopback control port, one JSON line.
public struct ControlRequest: Codable, Sendable, Equatable {
    /// The commands a supervisor understands.
    public enum Command: String, Codable, Sendable, CaseIterable {
        case status, stop, kill, restart, pause, resume, down, network
    }

    public var command: Command
    /// The node the command acts on (all but `status`, `down` and `network` need one).
    public var node: String?
    /// For `network`: the change to make.
    public var network: NetworkChange?

    public init(command: Command, node: String? = nil, network: NetworkChange? = nil) {
        self.command = command
        self.node = node
        self.network = network
    }
}

/// The supervisor's answer: whether the command worked, a message, and the topology afterwards.
public struct ControlReply: Codable, Sendable, Equatable {
    public var ok: Bool
    public var message: String?
    public var state: TopologyState?

    public init(ok: Bool, message: String? = nil, state: TopologyState? = nil) {
        self.ok = ok
        self.message = message
        self.state = state
    }
}
