import LabProto
import RaftKV

/// `KVCommand` ↔ `distlab.raftkv.v1.KVRequest`. The request's read consistency is not part of the
/// command: read it with ``ReadConsistency/init(proto:)``.
extension KVCommand {
    /// Decodes `proto`, refusing a request with no operation or one that breaks `limits`.
    public init(proto: Distlab_Raftkv_V1_KVRequest, limits: KVLimits = KVLimits()) throws(RaftWireError) {
        guard let operation = proto.operation else { throw .missingOneof(field: "request", oneof: "operation") }
        let decoded = KVOperation(proto: operation)
        do {
            try limits.validate(decoded)
        } catch {
            throw .invalidOperation(operation: decoded.name, error)
        }
        self.init(client: proto.client, sequence: proto.sequence, operation: decoded)
    }

    /// The request that carries this command, read with `consistency`.
    public func proto(consistency: ReadConsistency = .linearizable) -> Distlab_Raftkv_V1_KVRequest {
        var proto = Distlab_Raftkv_V1_KVRequest()
        proto.client = self.client
        proto.sequence = self.sequence
        proto.operation = self.operation.proto
        proto.consistency = consistency.proto
        return proto
    }
}
