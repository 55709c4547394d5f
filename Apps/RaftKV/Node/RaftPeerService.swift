import GRPCCore
import LabProto
import Logging
import RaftCore
import RaftWire

/// The incoming half of member-to-member connections: decodes each frame and hands its messages
/// to the node's loop. A frame from another cluster ends the stream with an error; a malformed
/// message is logged and skipped, and the node keeps serving.
struct RaftPeerService: Distlab_Raftkv_V1_RaftPeer.SimpleServiceProtocol {
    let runtime: RaftNodeRuntime
    let logger: Logger

    func stream(
        request: RPCAsyncSequence<Distlab_Raftkv_V1_PeerFrame, any Error>, context: ServerContext
    ) async throws -> Distlab_Raftkv_V1_PeerStreamClosed {
        var assembler = SnapshotAssembler()
        var frames: UInt64 = 0
        let clusterID = self.runtime.configuration.clusterID
        for try await frame in request {
            guard frame.clusterID == clusterID else {
                throw RPCError(code: .failedPrecondition, message: "this node belongs to cluster '\(clusterID)', not '\(frame.clusterID)'")
            }
            frames += 1
            var messages: [RaftMessage] = []
            for proto in frame.messages {
                do {
                    if let message = try assembler.add(proto) { messages.append(message) }
                } catch {
                    self.logger.warning("skipping a malformed message from node \(frame.from): \(error)")
                }
            }
            self.runtime.receive(messages)
        }
        var closed = Distlab_Raftkv_V1_PeerStreamClosed()
        closed.framesReceived = frames
        return closed
    }
}
