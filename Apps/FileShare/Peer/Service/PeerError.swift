import GRPCCore

/// What a peer refuses or fails at, with the gRPC status it maps to.
public enum PeerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// This peer does not hold the file.
    case unknownFile(String)
    /// A piece index outside the file.
    case pieceOutOfRange(file: String, index: Int, count: Int)
    /// A request field is missing or malformed.
    case invalidArgument(String)
    /// An upload without a valid tracker token.
    case unauthenticated(String)
    /// The disk failed.
    case storage(String)

    public var description: String {
        switch self {
        case .unknownFile(let id): "this peer holds no file \(id) (the tracker's GET /files/ID/peers lists who does)"
        case .pieceOutOfRange(let file, let index, let count): "file \(file) has pieces 0..<\(count); \(index) is out of range"
        case .invalidArgument(let problem): problem
        case .unauthenticated(let problem): "\(problem); log in to the tracker (p2p client login) and send its token"
        case .storage(let problem): "storage failure: \(problem)"
        }
    }

    /// The error as a gRPC status.
    var rpcError: RPCError {
        switch self {
        case .unknownFile: RPCError(code: .notFound, message: self.description)
        case .pieceOutOfRange: RPCError(code: .outOfRange, message: self.description)
        case .invalidArgument: RPCError(code: .invalidArgument, message: self.description)
        case .unauthenticated: RPCError(code: .unauthenticated, message: self.description)
        case .storage: RPCError(code: .internalError, message: self.description)
        }
    }
}
