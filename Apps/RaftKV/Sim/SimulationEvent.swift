import RaftCore
import RaftKV

/// What can happen next in a simulated cluster.
enum SimulationEvent: Sendable {
    /// A node's clock ticks (ignored if the node restarted since it was scheduled).
    case tick(NodeID, incarnation: Int)
    /// A message between members arrives.
    case deliver(RaftMessage)
    /// A client's request arrives at a node.
    case request(ClientRequest, at: NodeID)
    /// A node's answer arrives at a client.
    case reply(ClientReply)
    /// A client gives up waiting for an answer to `attempt` and tries the next node.
    case clientTimeout(client: Int, attempt: Int)
    /// A redirected client sends its request again, to the node it was pointed at.
    case clientRetry(client: Int, attempt: Int)
}

/// A request from a simulated client: one key-value command, retried under the same session
/// sequence number until answered.
struct ClientRequest: Sendable {
    var client: Int
    var attempt: Int
    var command: KVCommand
}

/// A node's answer to a `ClientRequest`.
struct ClientReply: Sendable {
    enum Outcome: Sendable {
        case done(KVResult)
        /// This node cannot serve it; try `leader` (or anyone, if unknown).
        case redirect(leader: NodeID?)
    }

    var client: Int
    var attempt: Int
    var outcome: Outcome
}
