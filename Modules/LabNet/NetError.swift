/// Failures of the networking helpers, each naming the address involved.
public enum NetError: Error, Sendable, CustomStringConvertible {
    /// No connection could be made after every attempt the retry policy allowed.
    case connectFailed(host: String, port: Int, attempts: Int, lastError: String)
    /// The server could not listen on the address (already in use, not local, …).
    case bindFailed(host: String, port: Int, reason: String)
    /// The peer closed the connection before it answered.
    case closedBeforeReply(host: String, port: Int)
    /// The peer answered with something that is not a line (e.g. an oversized reply).
    case badReply(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .connectFailed(let host, let port, let attempts, let lastError):
            return "could not connect to \(host):\(port) after \(attempts) attempt(s): \(lastError); is the process running and listening?"
        case .bindFailed(let host, let port, let reason):
            return "could not listen on \(host):\(port): \(reason); choose another port or use port 0 for one the OS picks"
        case .closedBeforeReply(let host, let port):
            return "\(host):\(port) closed the connection before replying"
        case .badReply(let host, let port, let reason):
            return "bad reply from \(host):\(port): \(reason)"
        }
    }
}
