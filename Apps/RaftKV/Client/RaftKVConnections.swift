import GRPCCore
import GRPCNIOTransportHTTP2
import LabNet

/// One gRPC connection per endpoint of a raftkv cluster, shared by any number of sessions: many
/// simulated clients (`raftkv bench`) multiplex their requests over the same connections and the
/// same long-lived request stream on each, as etcd's clients share one connection, while each
/// session keeps its own client id and leader hint.
///
/// Make one with ``withRaftKVConnections(endpoints:_:)``, which also runs the connections.
public struct RaftKVConnections: Sendable {
    /// The endpoints connected to, in the order given.
    public let endpoints: [RaftKVEndpoint]

    /// A new session over these connections, with its own client id and write numbering.
    public func session(clientID: UInt64 = .random(in: 1 ... (UInt64.max >> 1)), deadline: Duration = .seconds(10)) -> RaftKVSession {
        RaftKVSession(endpoints: self.endpoints, clientID: clientID, deadline: deadline)
    }
}

/// Connects to `endpoints` for the duration of `body`. A request whose reply has not come within
/// `replyTimeout` fails (and a session tries the next member); a member gives up on a write after
/// 5 s and says so, so only an unresponsive one (paused, overloaded) hits this.
public func withRaftKVConnections<Result: Sendable>(
    endpoints addresses: [HostAndPort], replyTimeout: Duration = .seconds(6), _ body: (RaftKVConnections) async throws -> Result
) async throws -> Result {
    guard !addresses.isEmpty else { throw RaftKVClientError.noEndpoints }
    let clients = try addresses.map { address in
        try GRPCClientConnection(host: address.host, port: address.port, defaultTimeout: .seconds(6)).makeClient()
    }
    let endpoints = zip(addresses, clients).map { RaftKVEndpoint(address: $0, client: $1, replyTimeout: replyTimeout) }
    return try await withThrowingDiscardingTaskGroup { connections in
        for client in clients { connections.addTask { try await client.runConnections() } }
        defer { for client in clients { client.beginGracefulShutdown() } }
        // The streams end when `body` does (they would keep a graceful shutdown waiting); the
        // connections then close gracefully, letting single calls still in flight finish.
        return try await withThrowingDiscardingTaskGroup { streams in
            for (endpoint, client) in zip(endpoints, clients) { streams.addTask { await endpoint.stream.run(on: client) } }
            defer { streams.cancelAll() }
            return try await body(RaftKVConnections(endpoints: endpoints))
        }
    }
}
