import LabProto
import Logging
import RaftCore
import RaftWire
import Synchronization

/// Sends a node's Raft messages to its peers: one `PeerLink` per other member (members added at
/// run time get one too), each batch grouped into one frame per destination, snapshots in chunks.
final class PeerTransport: Sendable {
    private let links = Mutex<[NodeID: PeerLink]>([:])
    private let directory: MemberDirectory
    private let clusterID: String
    private let selfID: NodeID
    private let logger: Logger

    init(configuration: NodeConfiguration, directory: MemberDirectory, logger: Logger) {
        self.clusterID = configuration.clusterID
        self.selfID = configuration.id
        self.directory = directory
        self.logger = logger
    }

    func send(_ messages: [RaftMessage]) {
        var byPeer: [NodeID: [RaftMessage]] = [:]
        for message in messages { byPeer[message.to, default: []].append(message) }
        for (peer, batch) in byPeer {
            guard let link = self.links.withLock({ $0[peer] }) else { continue }
            // Snapshot chunks travel one per frame, to stay well under gRPC's message size limit.
            var messages: [Distlab_Raftkv_V1_RaftMessage] = []
            for message in RaftWireCodec.encode(batch) {
                if case .snapshotChunk = message.payload {
                    link.enqueue(self.frame([message]))
                } else {
                    messages.append(message)
                }
            }
            if !messages.isEmpty { link.enqueue(self.frame(messages)) }
        }
    }

    private func frame(_ messages: [Distlab_Raftkv_V1_RaftMessage]) -> Distlab_Raftkv_V1_PeerFrame {
        var frame = Distlab_Raftkv_V1_PeerFrame()
        frame.clusterID = self.clusterID
        frame.from = self.selfID
        frame.messages = messages
        return frame
    }

    /// Keeps a link to every other member connected until cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            for member in self.directory.all where member.id != self.selfID {
                group.addTask { await self.connect(member) }
            }
            for await member in self.directory.added where member.id != self.selfID {
                group.addTask { await self.connect(member) }
            }
        }
    }

    private func connect(_ member: MemberEndpoints) async {
        let link = PeerLink(peer: member, logger: self.logger)
        self.links.withLock { $0[member.id] = link }
        await link.run()
    }
}
