import ArgumentParser
import FileShareCore
import FileSharePeer
import Foundation
import LabNet
import Logging

/// `p2p peer`: one peer — serves pieces over gRPC, announces to the tracker, takes uploads,
/// keeps files replicated, and hands its files over before leaving.
struct PeerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer",
        abstract: "Run a peer: hold files, serve verified pieces over gRPC, keep every file at --replicas copies.",
        discussion: """
            The peer logs in to the tracker (its account is created on first login), announces the files in --data/files and heartbeats every --heartbeat seconds. The tracker's heartbeat replies ask it to copy under-replicated files to other peers (when a peer died); uploads (`p2p client put`) need a tracker token and are copied until --replicas peers hold them.

            Ctrl-C or SIGTERM (labctl stop) makes the peer leave gracefully: it first makes sure every file it holds has --replicas copies on other live peers, then tells the tracker it is gone. SIGKILL is a crash: the tracker notices after its --peer-ttl and asks the survivors to re-replicate.

            Example (tracker on 127.0.0.1:7000):
              p2p peer --id p1 --listen 127.0.0.1:7101 --data peer1
            """
    )

    @Option(help: "The peer's id at the tracker (a file-name-safe word, at most 64 bytes).")
    var id: String

    @Option(help: ArgumentHelp("Address of the peer's gRPC service (port 0: any free port).", valueName: "host:port"))
    var listen: String = "127.0.0.1:0"

    @Option(help: ArgumentHelp("Address announced to the tracker, if other peers must use another one.", valueName: "host:port"))
    var advertise: String?

    @Option(help: ArgumentHelp("The tracker's URL.", valueName: "url"))
    var tracker: String = "http://127.0.0.1:7000"

    @Option(help: "Folder for the peer's files (files/ID.data + files/ID.json; partial/ for downloads).")
    var data: String?

    @Option(help: "Tracker account of the peer (default: peer-ID).")
    var username: String?

    @Option(help: "Its password (default: $P2P_PEER_PASSWORD, else one derived from the id — fine on loopback, not elsewhere).")
    var password: String?

    @Option(help: "How many peers should hold each file; use the tracker's --replicas.")
    var replicas: Int = 2

    @Option(help: "Seconds between heartbeats; keep it well under the tracker's --peer-ttl.")
    var heartbeat: Double = 5

    @Option(help: "Seconds between re-verifications of every held file (corrupt pieces are fetched again from other holders); 0: never.")
    var scrubInterval: Double = 60

    @Option(help: "Piece size in bytes of files uploaded to this peer.")
    var pieceSize: Int = 1 << 20

    func validate() throws {
        if let problem = NameRule.problem(with: self.id) { throw ValidationError("--id \(self.id.debugDescription) \(problem)") }
        guard self.listenAddress != nil else {
            throw ValidationError("--listen \(self.listen): expected HOST:PORT, e.g. 127.0.0.1:7101")
        }
        if let advertise, HostAndPort(parsing: advertise) == nil { throw ValidationError("--advertise \(advertise): expected HOST:PORT") }
        guard (1...16).contains(self.replicas) else { throw ValidationError("--replicas must be between 1 and 16") }
        guard self.heartbeat > 0 else { throw ValidationError("--heartbeat must be positive") }
        guard self.scrubInterval >= 0 else { throw ValidationError("--scrub-interval must be 0 (never) or positive") }
        guard FileManifest.pieceSizes.contains(self.pieceSize) else {
            throw ValidationError("--piece-size must be between \(FileManifest.pieceSizes.lowerBound) and \(FileManifest.pieceSizes.upperBound) bytes")
        }
    }

    /// `--listen`, where port 0 (any free port) is allowed.
    private var listenAddress: HostAndPort? {
        guard self.listen.hasSuffix(":0") else { return HostAndPort(parsing: self.listen) }
        return HostAndPort(parsing: self.listen.dropLast() + "1").map { HostAndPort(host: $0.host, port: 0) }
    }

    func run() async throws {
        AllocatorTuning.keepPieceBuffersOnTheHeap()
        var logger = Logger(label: "p2p.peer.\(self.id)")
        logger.logLevel = .info
        guard let listen = self.listenAddress else { throw ExitCode.validationFailure }
        var configuration = PeerConfiguration(
            id: self.id, listen: listen, tracker: self.tracker,
            username: self.username ?? "peer-\(self.id)",
            password: self.password ?? ProcessInfo.processInfo.environment["P2P_PEER_PASSWORD"] ?? "distlab-peer-\(self.id)",
            dataDirectory: self.data ?? "peer-\(self.id)")
        configuration.advertise = self.advertise
        configuration.replicas = self.replicas
        configuration.heartbeatInterval = .milliseconds(Int(self.heartbeat * 1_000))
        configuration.pieceSize = self.pieceSize
        configuration.scrubInterval = self.scrubInterval > 0 ? .milliseconds(Int(self.scrubInterval * 1_000)) : nil
        configuration.pieces = P2PCommand.pieces
        let node = try PeerNode(configuration: configuration, logger: logger)
        try await node.run { address in
            print("p2p peer \(node.configuration.id): serving on \(address), \(node.store.all.count) file(s) in \(node.configuration.dataDirectory), tracker \(node.configuration.tracker)")
            fflush(nil)
        }
    }
}
