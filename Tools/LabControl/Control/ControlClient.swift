import Foundation
import LabNet

/// Finds a running topology's supervisor from its run directory and sends it commands.
public struct ControlClient: Sendable {
    public let runDirectory: RunDirectory

    /// Picks the topology under `root`: the one named, or the only one there is.
    public init(root: URL, topology: String?) throws {
        if let topology {
            self.runDirectory = RunDirectory(root: root, topology: topology)
            return
        }
        let names = RunDirectory.topologies(under: root)
        switch names.count {
        case 0: throw ControlError.noTopology(root: root.path)
        case 1: self.runDirectory = RunDirectory(root: root, topology: names[0])
        default:
            let live = names.filter { (try? RunDirectory(root: root, topology: $0).readState())??.isSupervisorAlive == true }
            guard live.count == 1 else { throw ControlError.ambiguousTopology(names: names) }
            self.runDirectory = RunDirectory(root: root, topology: live[0])
        }
    }

    /// The last state the supervisor wrote (it may be gone since).
    public func lastState() throws -> TopologyState {
        guard let state = try self.runDirectory.readState() else {
            throw ControlError.notRunning(topology: self.runDirectory.topology)
        }
        return state
    }

    /// Sends `request` to the live supervisor and returns its reply.
    public func send(_ request: ControlRequest) async throws -> ControlReply {
        let state = try self.lastState()
        guard state.isSupervisorAlive, let port = state.controlPort else {
            throw ControlError.notRunning(topology: self.runDirectory.topology)
        }
        let connector = TCPConnector(connectTimeout: .seconds(2), retry: RetryPolicy(maximumAttempts: 3))
        return try await LineClient.withConnection(host: "127.0.0.1", port: port, connector: connector) { client in
            try await client.request(request, expecting: ControlReply.self)
        }
    }
}

extension TopologyState {
    /// Whether the supervisor process that wrote this state still exists.
    public var isSupervisorAlive: Bool {
        self.phase != .down && self.phase != .failed && Foundation.kill(self.supervisorPID, 0) == 0
    }
}
