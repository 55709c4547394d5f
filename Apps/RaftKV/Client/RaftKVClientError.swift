import LabNet

/// Why a raftkv client gave up.
public enum RaftKVClientError: Error, Sendable, CustomStringConvertible {
    /// The cluster refused the operation (bad input, too large…); retrying will not help.
    case rejected(String)
    /// No member answered with a result before the deadline.
    case unavailable(tried: [HostAndPort], lastProblem: String, after: Duration)
    /// No endpoints were given.
    case noEndpoints
    /// The caller was cancelled before an answer came (a write may or may not have been applied).
    case cancelled

    public var description: String {
        switch self {
        case .rejected(let message):
            return "refused: \(message)"
        case .unavailable(let tried, let problem, let after):
            return "no answer from \(tried.map(\.description).joined(separator: ", ")) within \(after) (last problem: \(problem)); "
                + "is a majority of the cluster running? `raftkv client status` shows each member"
        case .noEndpoints:
            return "no server given: pass --server HOST:PORT (a member's client port or a proxy), once per server"
        case .cancelled:
            return "cancelled before an answer came; a write may or may not have been applied (retry it in the same session)"
        }
    }
}
