import LabNet
import Logging
import RaftCore
import RaftStorage

/// A whole `raftkv node` process: durable storage, the Raft loop, the peer transport, and two gRPC
/// servers (peer port for members, client port for the KV service).
public struct RaftKVNodeServer: Sendable {
    public let configuration: NodeConfiguration
    private let logger: Logger

    public init(configuration: NodeConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until cancelled; `ready` is called with the bound peer and client addresses.
    public func run(ready: @Sendable (HostAndPort, HostAndPort) -> Void = { _, _ in }) async throws {
        guard let me = self.configuration.me else { throw NodeStartError.notAMember(self.configuration.id) }
        let storage = try RaftDiskStorage(
            directory: self.configuration.dataDirectory,
            identity: ClusterIdentity(clusterID: self.configuration.clusterID, nodeID: self.configuration.id))
        let directory = MemberDirectory(self.configuration.members + self.configuration.spares)
        let runtime = RaftNodeRuntime(configuration: self.configuration, logger: self.logger)
        let transport = PeerTransport(configuration: self.configuration, directory: directory, logger: self.logger)
        let peerService = RaftPeerService(runtime: runtime, logger: self.logger)
        let kvService = KVService(runtime: runtime, directory: directory)
        try await withGRPCServerHost(host: me.peer.host, port: me.peer.port, services: [peerService], logger: self.logger) { peerServer in
            try await withGRPCServerHost(host: me.client.host, port: me.client.port, services: [kvService], logger: self.logger) { clientServer in
                let peerAddress = try await peerServer.listeningAddress
                let clientAddress = try await clientServer.listeningAddress
                self.logger.info("node \(self.configuration.id) of cluster '\(self.configuration.clusterID)': peers on \(peerAddress), clients on \(clientAddress), data in \(storage.path)")
                ready(HostAndPort(host: peerAddress.host, port: peerAddress.port), HostAndPort(host: clientAddress.host, port: clientAddress.port))
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { await transport.run() }
                    try await runtime.run(storage: storage, send: { transport.send($0) })
                    group.cancelAll()
                }
            }
        }
    }
}

/// Why a node could not start.
public enum NodeStartError: Error, CustomStringConvertible {
    case notAMember(NodeID)

    public var description: String {
        switch self {
        case .notAMember(let id):
            return "node \(id) is not in --member; list every member, this one included, as ID=PEERHOST:PORT/CLIENTHOST:PORT"
        }
    }
}
