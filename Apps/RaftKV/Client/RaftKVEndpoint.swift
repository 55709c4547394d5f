import GRPCCore
import GRPCNIOTransportHTTP2
import LabNet
import LabProto

/// The connection to one member (or proxy) of a raftkv cluster: its KV service for single calls
/// (status, membership, leadership), and the long-lived stream that carries key-value requests.
public struct RaftKVEndpoint: Sendable {
    /// The member's client address.
    public let address: HostAndPort
    /// Its KV service, for calls other than key-value requests.
    public let kv: Distlab_Raftkv_V1_KV.Client<HTTP2ClientTransport.Posix>
    let stream: ExecuteStreamChannel

    init(address: HostAndPort, client: GRPCClient<HTTP2ClientTransport.Posix>, replyTimeout: Duration) {
        self.address = address
        self.kv = Distlab_Raftkv_V1_KV.Client(wrapping: client)
        self.stream = ExecuteStreamChannel(endpoint: address, replyTimeout: replyTimeout)
    }

    /// Runs one key-value request at this member (over the shared stream) and returns its reply.
    public func execute(_ request: Distlab_Raftkv_V1_KVRequest) async throws -> Distlab_Raftkv_V1_KVReply {
        try await self.stream.execute(request)
    }
}
