import RaftCore
import RaftKV

/// Why a protobuf message from the network could not be turned into a core or KV value. Every case
/// names the field at fault, with its path in the message ("append.entries[3]").
public enum RaftWireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `oneof` was left empty: `field` has no `oneof` ("append.entries[3]" has no "payload").
    case missingOneof(field: String, oneof: String)
    /// A required sub-message is absent.
    case missingField(String)
    /// A node id of 0 ("nobody") where a member is required.
    case zeroNodeID(field: String)
    /// A membership lists a node twice, or as both a voter and a learner.
    case duplicateMember(field: String, node: NodeID)
    /// A snapshot chunk reached ``RaftMessage/init(proto:)``; chunks go through a ``SnapshotAssembler``.
    case unassembledSnapshotChunk(from: NodeID)
    /// A snapshot chunk does not start where the chunks received so far end.
    case chunkOutOfOrder(snapshot: LogPosition, offset: UInt64, expected: UInt64)
    /// The chunks of a snapshot add up to more than the assembler's limit.
    case snapshotTooLarge(snapshot: LogPosition, size: UInt64, limit: Int)
    /// A client request breaks a ``KVLimits`` rule; `operation` is its name ("put").
    case invalidOperation(operation: String, KVError)
    /// A read consistency this version does not know.
    case unknownConsistency(Int)
    /// A member status with a role this version does not know.
    case unknownRole(String)

    public var description: String {
        switch self {
        case .missingOneof(let field, let oneof):
            return "\(field) has no \(oneof)"
        case .missingField(let field):
            return "\(field) is missing"
        case .zeroNodeID(let field):
            return "\(field) is node 0, which means nobody; member ids start at 1"
        case .duplicateMember(let field, let node):
            return "\(field) lists node \(node) more than once (as a voter, a learner or both)"
        case .unassembledSnapshotChunk(let from):
            return "message from \(from) is a snapshot chunk; feed peer messages through a SnapshotAssembler"
        case .chunkOutOfOrder(let snapshot, let offset, let expected):
            return "snapshot chunk offset \(offset) does not follow \(expected) (snapshot \(snapshot))"
        case .snapshotTooLarge(let snapshot, let size, let limit):
            return "snapshot \(snapshot) of at least \(size) bytes exceeds the \(limit)-byte limit"
        case .invalidOperation(let operation, let error):
            return "\(operation) request: \(error)"
        case .unknownConsistency(let value):
            return "read consistency \(value) is not LINEARIZABLE (0) or STALE (1)"
        case .unknownRole(let role):
            return "role \"\(role)\" is not one of follower, preCandidate, candidate, leader, learner"
        }
    }
}
