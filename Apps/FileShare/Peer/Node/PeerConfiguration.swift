import FileShareCore
import Foundation
import LabNet

/// Everything a `p2p peer` process is told on its command line.
public struct PeerConfiguration: Sendable {
    /// The peer's id at the tracker (a safe name, at most 64 bytes).
    public var id: String
    /// Where the gRPC service listens (port 0: any free port).
    public var listen: HostAndPort
    /// The `HOST:PORT` announced to the tracker; nil: the listening address.
    public var advertise: String?
    /// The tracker's base URL.
    public var tracker: String
    /// The account the peer logs in with (created on first login).
    public var username: String
    public var password: String
    /// Where the peer keeps its files.
    public var dataDirectory: String
    /// How many peers should hold each file (must match the tracker's `--replicas`).
    public var replicas = 2
    /// How often the peer heartbeats (keep it well under the tracker's `--peer-ttl`).
    public var heartbeatInterval: Duration = .seconds(5)
    /// How often every held file is re-verified (and repaired from other holders); nil: never.
    public var scrubInterval: Duration? = .seconds(60)
    /// The piece size of files uploaded to this peer.
    public var pieceSize = PeerLimits.defaultPieceSize
    /// The piece picker and verifier of the peer's downloads (files it is asked to hold, scrub
    /// repairs); the scrub itself and resumed partial files are checked by the course's verifier.
    public var pieces: PieceStrategy = .reference

    public init(id: String, listen: HostAndPort, tracker: String, username: String, password: String, dataDirectory: String) {
        self.id = id
        self.listen = listen
        self.tracker = tracker
        self.username = username
        self.password = password
        self.dataDirectory = dataDirectory
    }
}
