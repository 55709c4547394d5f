import ArgumentParser
import FileSharePieces

/// `p2p`: the P2P lab's command line: the tracker, the peers, the client, the benchmark,
/// workloads, checks and `corrupt`.
public struct P2PCommand: AsyncParsableCommand {
    /// The piece picker and verifier of `client get` and of the peers' downloads: the course's,
    /// unless a student's command line sets its own with `P2PCommand.$pieces.withValue(…)`
    /// around `P2PCommand.main()` (labs/p2p/exercises/piece-picker/Run).
    @TaskLocal public static var pieces: PieceStrategy = .reference

    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "p2p",
        abstract: "A small BitTorrent: a tracker that knows who has which file, peers that move verified pieces.",
        discussion: """
            A tracker and a few peers (or: labctl up labs/p2p/four-peers.json):
              p2p tracker --listen 127.0.0.1:7000 --data tracker-data &
              p2p peer --id p1 --listen 127.0.0.1:7101 --data peer1 &
              p2p peer --id p2 --listen 127.0.0.1:7102 --data peer2 &
            Then share and fetch files (accounts are created on first login):
              p2p client login --username ana --password s3cret
              p2p client put big.iso --peer 127.0.0.1:7101
              p2p client get big.iso -o copy.iso
            labs/p2p/README.md is the lab's handout.
            """,
        subcommands: [TrackerCommand.self, PeerCommand.self, ClientCommand.self, BenchCommand.self, WorkloadCommand.self, CheckCommand.self, CorruptCommand.self]
    )
}
