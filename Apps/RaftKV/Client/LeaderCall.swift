/// What one call to a cluster member decided, for `RaftKVSession.onLeader(_:)`.
public enum LeaderCall<Result: Sendable>: Sendable {
    /// The answer: stop here.
    case done(Result)
    /// The cluster refused the request; retrying will not help.
    case rejected(String)
    /// This member is not the leader: go to `address` if given, else to the next member.
    case notLeader(address: String?)
    /// This member could not answer now: try the next one.
    case unavailable(String)
}
