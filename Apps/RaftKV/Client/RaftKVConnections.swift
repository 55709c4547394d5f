import GRPCCore
import GRPCNIOTransportHTTP2
import LabNet

/// One gRPC connection per endpoint of a raftkv cluster, shared by any number of sessions: many
/// simulated clients (`raftkv bench`) multiplex their requests over the same HTTP/2 connections, as
/// etcd's clients share one connection, while each session keeps its own client id and leader hint.
///
/// Make one with ``withRaftKVConnections(endpoints:_:)``, which also runs the connections.
public struct RaftKVConnections: Sendable {
    /// The endpoints connected to, in the order given.
    public let endpoints: [HostAndPort]
    private let clients: [GRPCClient<HTTP2ClientTransport.Posix>]

    init(endpoints: [HostAndPort], clients: [GRPCClient<HTTP2ClientTransport.Posix>]) {
        self.endpoints = endpoints
        self.clients = clients
    }

    /// A new session over these connections, with its own client id and write numbering.
    public func session(clientID: UInt64 = .random(in: 1 ... (UInt64.max >> 1)), deadline: Duration = .seconds(10)) -> RaftKVSession {
        RaftKVSession(endpoints: self.endpoints, clients: self.clients, clientID: clientID, deadline: deadline)
    }
}

/// Connects to `endpoints` for the duration of `body`.
public func withRaftKVConnections<Result: Sendable>(
    endpoints: [HostAndPort], _ body: (RaftKVConnections) async throws -> Result
) async throws -> Result {
    guard !endpoints.isEmpty else { throw RaftKVClientError.noEndpoints }
    let clients = try endpoints.map { endpoint in
        try GRPCClientConnection(host: endpoint.host, port: endpoint.port, defaultTimeout: .seconds(6)).makeClient()
    }
    return try await withThrowingDiscardingTaskGroup { group in
        for client in clients { group.addTask { try await client.runConnections() } }
        defer { for client in clients { client.beginGracefulShutdown() } }
        return try await body(RaftKVConnections(endpoints: endpoints, clients: clients))
    }
}
