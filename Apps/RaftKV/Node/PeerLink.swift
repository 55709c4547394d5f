import GRPCCore
import LabNet
import LabProto
import Logging
import Synchronization

/// The outgoing half of one member-to-member connection: a long-lived client stream carrying
/// frames of Raft messages, reconnected with backoff when it breaks. Frames queued while the peer
/// is unreachable are dropped; Raft retransmits what matters.
final class PeerLink: Sendable {
    let peer: MemberEndpoints
    private let current = Mutex<AsyncStream<Distlab_Raftkv_V1_PeerFrame>.Continuation?>(nil)
    private let logger: Logger

    init(peer: MemberEndpoints, logger: Logger) {
        self.peer = peer
        self.logger = logger
    }

    /// Queues a frame on the open stream, if there is one.
    func enqueue(_ frame: Distlab_Raftkv_V1_PeerFrame) {
        _ = self.current.withLock { $0?.yield(frame) }
    }

    /// Keeps a stream open to the peer until cancelled.
    func run() async {
        let backoff = ExponentialBackoff(initialDelay: .milliseconds(50), maximumDelay: .seconds(1))
        var random = SystemRandomNumberGenerator()
        let connection = GRPCClientConnection(host: self.peer.peer.host, port: self.peer.peer.port, defaultTimeout: nil)
        let clock = ContinuousClock()
        var failures = 0
        while !Task.isCancelled {
            let started = clock.now
            let (frames, continuation) = AsyncStream.makeStream(of: Distlab_Raftkv_V1_PeerFrame.self, bufferingPolicy: .bufferingNewest(4096))
            self.current.withLock { $0 = continuation }
            do {
                try await connection.withClient { client in
                    let raft = Distlab_Raftkv_V1_RaftPeer.Client(wrapping: client)
                    _ = try await raft.stream(requestProducer: { writer in
                        for await frame in frames { try await writer.write(frame) }
                    })
                }
            } catch {
                // A stream that lived a while was a working connection: start backing off afresh.
                if clock.now - started > .seconds(1) { failures = 0 }
                if failures == 0 { self.logger.info("peer \(self.peer.id) at \(self.peer.peer) unreachable: \(error)") }
            }
            failures += 1
            self.current.withLock {
                $0?.finish()
                $0 = nil
            }
            try? await Task.sleep(for: backoff.delay(afterAttempt: failures, using: &random))
        }
    }
}
