import FileShareCore
import Foundation
import GRPCCore
import LabNet
import LabProto
import SystemPackage

/// What `p2p client` does, as a library: upload a file to a peer, find a file at the tracker,
/// and download it from every peer that holds it.
public struct P2PClient: Sendable {
    public let tracker: TrackerConnection
    public let token: String

    public init(tracker: TrackerConnection, token: String) {
        self.tracker = tracker
        self.token = token
    }

    /// What an upload produced.
    public struct Upload: Sendable {
        public var manifest: FileManifest
        /// Peers holding the file when the upload returned, the receiving peer first.
        public var holders: [String]
        /// Set when fewer peers than asked took a copy.
        public var warning: String?
    }

    /// Sends the file at `path` to the peer at `peer`, which keeps it and copies it until
    /// `replicas` peers hold it (0: the peer's default). `progress` gets the bytes sent so far.
    public func upload(
        _ path: String, to peer: HostAndPort, replicas: Int = 0, pieceSize: Int = 0,
        progress: @escaping @Sendable (Int64) -> Void = { _ in }
    ) async throws -> Upload {
        let name = (path as NSString).lastPathComponent
        let size = Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
        var header = Distlab_P2p_V1_UploadHeader()
        header.token = self.token
        header.name = name
        header.size = size
        header.replicas = UInt32(max(0, replicas))
        header.pieceSize = UInt32(max(0, pieceSize))
        let first = Distlab_P2p_V1_UploadChunk.with { $0.header = header }
        let fd = try FileDescriptor.open(FilePath(path), .readOnly)
        defer { try? fd.close() }
        let connection = GRPCClientConnection(host: peer.host, port: peer.port, defaultTimeout: .seconds(3_600), http2: .bulk)
        let reply = try await connection.withClient { client in
            try await Distlab_P2p_V1_Peer.Client(wrapping: client).upload(requestProducer: { writer in
                try await writer.write(first)
                var offset: Int64 = 0
                while offset < size {
                    var chunk = Distlab_P2p_V1_UploadChunk()
                    chunk.data = try DiskFile.read(fd, offset: offset, count: PeerLimits.uploadChunkBytes)
                    guard !chunk.data.isEmpty else { break }
                    offset += Int64(chunk.data.count)
                    try await writer.write(chunk)
                    progress(offset)
                }
            })
        }
        return Upload(manifest: try FileManifest(proto: reply.manifest), holders: reply.holders, warning: reply.warning.isEmpty ? nil : reply.warning)
    }

    /// The manifest of the file named `nameOrID`: a file id (64 hex characters) or an exact file
    /// name that only one indexed file has.
    public func resolve(_ nameOrID: String) async throws -> FileManifest {
        if Hex.isSHA256(nameOrID) { return try await self.tracker.holders(of: nameOrID, token: self.token).file }
        let matches = try await self.tracker.search(nameOrID, token: self.token).filter { $0.name == nameOrID }
        guard let match = matches.first else {
            throw PeerError.invalidArgument("no indexed file is named \(nameOrID.debugDescription); `p2p client search TEXT` lists names that contain TEXT")
        }
        guard matches.count == 1 else {
            let ids = matches.map { "  \($0.id) (\($0.size) bytes, \($0.replicas) replicas)" }.joined(separator: "\n")
            throw PeerError.invalidArgument("\(matches.count) different files are named \(nameOrID.debugDescription); get one by id:\n\(ids)")
        }
        return try await self.tracker.holders(of: match.id, token: self.token).file
    }

    /// Downloads `manifest`'s file to `path` from the peers the tracker lists as holders (asked
    /// again at each round, so holders that appear meanwhile are used too), picking and verifying
    /// pieces with `pieces`.
    public func download(
        _ manifest: FileManifest, to path: String, compressed: Bool = false, pieces: PieceStrategy = .reference,
        progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws -> DownloadReport {
        let tracker = self.tracker
        let token = self.token
        var downloader = Downloader(manifest: manifest, destination: path)
        downloader.acceptCompressed = compressed
        downloader.pieces = pieces
        return try await downloader.run(
            sources: { try await tracker.holders(of: manifest.id, token: token).peers.map { DownloadSource(id: $0.id, address: $0.address) } },
            progress: progress)
    }
}
