import LabProto
import RaftCore

/// `NotLeader` ↔ an optional leader and its address: leader 0 and an empty address mean "unknown".
extension Distlab_Raftkv_V1_NotLeader {
    public init(leaderID: NodeID?, address: String?) {
        self.init()
        self.leaderID = leaderID ?? 0
        self.leaderAddress = address ?? ""
    }

    /// The leader, nil when unknown.
    public var leader: NodeID? { self.leaderID == 0 ? nil : self.leaderID }

    /// The leader's client address, nil when unknown.
    public var address: String? { self.leaderAddress.isEmpty ? nil : self.leaderAddress }
}

/// Replies that are not results, as every service of a node sends them.
extension Distlab_Raftkv_V1_KVReply {
    /// "Not the leader; try `leaderID` at `address`" (either may be unknown).
    public static func notLeader(leaderID: NodeID?, address: String?) -> Self {
        var reply = Self()
        reply.notLeader = Distlab_Raftkv_V1_NotLeader(leaderID: leaderID, address: address)
        return reply
    }

    /// "No answer in time; retry": `message` says what was waited for.
    public static func unavailable(_ message: String) -> Self {
        var reply = Self()
        reply.unavailable.message = message
        return reply
    }

    /// A refusal explained by `message`.
    public static func rejected(_ message: String) -> Self {
        var reply = Self()
        reply.rejected.message = message
        return reply
    }
}
