import FileShareCore
import Foundation
import GRPCCore
import LabNet
import LabProto
import Logging
import Synchronization

/// One `p2p peer`: the files it holds, its session at the tracker, and what it does for the
/// network — announce, fetch copies it is asked to hold, push copies of under-replicated files,
/// take uploads, and hand its files over before leaving. The gRPC `PeerService` and the
/// heartbeat loop call into it.
public final class PeerNode: Sendable {
    public let configuration: PeerConfiguration
    public let store: FileStore
    let session: TrackerSession
    let logger: Logger
    private let advertised = Mutex<String?>(nil)
    private let holding = Mutex<[String: Task<Bool, any Error>]>([:])
    let pushing = Mutex<Set<String>>([])
    private let incompressible = Mutex<Set<String>>([])

    public init(configuration: PeerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.store = try FileStore(directory: configuration.dataDirectory)
        self.session = TrackerSession(
            tracker: TrackerConnection(baseURL: configuration.tracker),
            username: configuration.username, password: configuration.password)
        self.logger = logger
    }

    /// This peer as the tracker lists it.
    var identity: TrackerAPI.Peer {
        TrackerAPI.Peer(id: self.configuration.id, address: self.advertised.withLock { $0 } ?? self.configuration.listen.description)
    }

    /// Sets the address announced to the tracker, once the server is bound.
    func bound(to address: HostAndPort) {
        self.advertised.withLock { $0 = self.configuration.advertise ?? address.description }
    }

    /// Whether compressing pieces of `fileID` may still pay: not once one of its pieces did not
    /// shrink (random or already compressed data), so such files cost one attempt, not one per piece.
    func mayCompress(_ fileID: String) -> Bool { !self.incompressible.withLock { $0.contains(fileID) } }

    func markIncompressible(_ fileID: String) {
        _ = self.incompressible.withLock { $0.insert(fileID) }
    }

    /// Tells the tracker every file this peer holds.
    func announce() async throws {
        let files = self.store.all
        let me = self.identity
        try await self.session.call { try await $0.index(me, files: files, token: $1) }
    }

    /// Makes sure this peer holds `manifest`'s file, downloading it from `sources` and from every
    /// holder the tracker knows; returns false if it already held it. Concurrent calls for the
    /// same file share one download.
    func hold(_ manifest: FileManifest, sources: [DownloadSource]) async throws -> Bool {
        if self.store.manifest(manifest.id) != nil { return false }
        let task = self.holding.withLock { running in
            if let task = running[manifest.id] { return task }
            let task = Task { try await self.download(manifest, sources: sources) }
            running[manifest.id] = task
            return task
        }
        defer { _ = self.holding.withLock { $0.removeValue(forKey: manifest.id) } }
        return try await task.value
    }

    private func download(_ manifest: FileManifest, sources: [DownloadSource]) async throws -> Bool {
        if self.store.manifest(manifest.id) != nil { return false }
        let myID = self.configuration.id
        var downloader = Downloader(manifest: manifest, destination: self.store.dataPath(manifest.id), partialPath: self.store.partialPath(manifest.id))
        downloader.pieces = self.configuration.pieces
        // A stable seed per peer (FNV-1a of its id): peers copying the same file pick pieces in different orders.
        downloader.seed = myID.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let report = try await downloader.run(sources: {
            let known = (try? await self.session.call { try await $0.holders(of: manifest.id, token: $1) })?.peers ?? []
            let all = sources + known.map { DownloadSource(id: $0.id, address: $0.address) }
            return Array(Set(all.filter { $0.id != myID }))
        })
        try self.store.register(manifest)
        self.logger.info("now holding \(manifest.name) (\(manifest.id.prefix(12))…): \(manifest.size) bytes in \(String(format: "%.2f", report.seconds)) s from \(report.piecesBySource.keys.sorted())")
        try await self.announce()
        return true
    }

    /// Asks `target` to hold `manifest`'s file, fetching it from this peer (and other holders).
    func push(_ manifest: FileManifest, to target: TrackerAPI.Peer) async throws {
        guard let address = HostAndPort(parsing: target.address) else {
            throw PeerError.invalidArgument("peer \(target.id) has address \(target.address), not HOST:PORT")
        }
        var request = Distlab_P2p_V1_ReplicateRequest()
        request.manifest = manifest.proto
        var me = Distlab_P2p_V1_PeerAddress()
        me.id = self.identity.id
        me.address = self.identity.address
        request.sources = [me]
        // Copying a large file takes as long as it takes: no deadline beyond a generous bound.
        let connection = GRPCClientConnection(host: address.host, port: address.port, defaultTimeout: .seconds(3_600))
        _ = try await connection.withClient { client in
            try await Distlab_P2p_V1_Peer.Client(wrapping: client).replicate(request)
        }
    }

    /// Copies `manifest` to peers from `candidates` (least loaded first) until `needed` succeed;
    /// returns the ids of the peers that now hold it.
    func push(_ manifest: FileManifest, toAnyOf candidates: [TrackerAPI.PeerStatus], needed: Int) async -> [String] {
        var done: [String] = []
        for candidate in candidates.sorted(by: { ($0.files, $0.id) < ($1.files, $1.id) }) where done.count < needed {
            do {
                try await self.push(manifest, to: TrackerAPI.Peer(id: candidate.id, address: candidate.address))
                done.append(candidate.id)
            } catch {
                self.logger.warning("could not copy \(manifest.name) to \(candidate.id): \(error)")
            }
        }
        return done
    }
}
