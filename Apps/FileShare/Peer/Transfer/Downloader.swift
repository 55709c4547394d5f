import FileShareCore
import Foundation
import GRPCCore
import LabNet
import LabProto

/// Downloads one file from several peers at once: one `Fetch` stream per source with `window`
/// pieces in flight on each, pieces chosen by the strategy's picker (the course's `PiecePicker`:
/// rarest first, endgame at the end), every piece verified against the manifest by the strategy's
/// verifier before it is written. A corrupt piece is asked again from another source (a source
/// that keeps lying is banned); a source that fails hands its pieces back to the others; when
/// every source is gone the sources are asked for again, a few rounds with backoff. The file
/// appears at `destination` only complete, by an atomic rename.
public struct Downloader: Sendable {
    /// The file to get.
    public var manifest: FileManifest
    /// Where the finished file goes.
    public var destination: String
    /// Where the partial file lives meanwhile (default: `destination.part`).
    public var partialPath: String
    /// Pieces in flight per source.
    public var window = 8
    /// Seeds the picker's tie-breaking (random-first among equally rare pieces).
    public var seed: UInt64 = 1
    /// How many times to look for sources again after every source ended with pieces missing.
    public var rounds = 4
    /// A source with pieces in flight that sends nothing for this long is dropped (its pieces
    /// go to the others): a paused peer keeps its connection open but answers nothing.
    public var stallTimeout: Duration = .seconds(10)
    /// Ask sources for zlib-compressed pieces; they compress where it pays.
    public var acceptCompressed = false
    /// The piece picker and verifier: the course's unless a student's runs (the piece-picker exercise).
    /// Pieces already in the partial file are checked by the course's verifier.
    public var pieces: PieceStrategy = .reference

    public init(manifest: FileManifest, destination: String, partialPath: String? = nil) {
        self.manifest = manifest
        self.destination = destination
        self.partialPath = partialPath ?? destination + ".part"
    }

    /// Runs the download. `sources` is asked for the peers to use at the start of each round;
    /// `progress` is called after every verified piece.
    public func run(
        sources: @Sendable () async throws -> [DownloadSource],
        progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws -> DownloadReport {
        let start = ContinuousClock.now
        let file: PartialFile
        let resumed: Set<Int>
        do {
            file = try PartialFile(path: self.partialPath, manifest: self.manifest)
            resumed = try file.verifiedPieces()
        } catch {
            throw DownloadError.storage("\(self.partialPath): \(error)")
        }
        let picker = self.pieces.picker.init(pieceCount: self.manifest.layout.pieceCount, have: resumed, seed: self.seed, maxCorruptPieces: 3)
        let session = DownloadSession(manifest: self.manifest, picker: picker)
        var round = 0
        while !session.isComplete && round < self.rounds {
            if round > 0 { try await Task.sleep(for: .milliseconds(250 << min(round, 4))) }
            round += 1
            let usable = try await sources().filter { !session.isBanned($0.id) }
            await withDiscardingTaskGroup { group in
                for source in Set(usable) {
                    let wakes = session.join(source.id)
                    group.addTask { await self.fetch(from: source, session: session, file: file, wakes: wakes, progress: progress) }
                }
            }
        }
        let counters = session.counters
        guard session.isComplete else {
            throw DownloadError.incomplete(file: self.manifest.name, missing: session.missing, failures: counters.failed, corrupt: counters.corrupt)
        }
        do {
            try file.complete(to: self.destination)
        } catch {
            throw DownloadError.storage("\(self.destination): \(error)")
        }
        let elapsed = ContinuousClock.now - start
        return DownloadReport(
            manifest: self.manifest,
            seconds: elapsed.seconds,
            piecesBySource: counters.pieces, corruptBySource: counters.corrupt, failedSources: counters.failed,
            resumedPieces: resumed.count, pieceBytes: counters.pieceBytes, wireBytes: counters.wireBytes)
    }

    /// One source: its stream, watched for stalls.
    private func fetch(
        from source: DownloadSource, session: DownloadSession, file: PartialFile, wakes: AsyncStream<Void>,
        progress: @escaping @Sendable (DownloadProgress) -> Void
    ) async {
        guard let address = HostAndPort(parsing: source.address) else {
            session.leave(source.id, failure: PeerError.invalidArgument("address \(source.address) is not HOST:PORT"))
            return
        }
        let window = self.window
        let manifest = self.manifest
        let connection = GRPCClientConnection(host: address.host, port: address.port, defaultTimeout: nil, maxMessageBytes: PeerLimits.maxMessageBytes, http2: .bulk)
        let stallTimeout = self.stallTimeout
        let acceptCompressed = self.acceptCompressed
        let verifier = self.pieces.verifier
        do {
            try await withThrowingTaskGroup { group in
                group.addTask {
                    while true {
                        try await Task.sleep(for: .milliseconds(250))
                        if session.isStalled(source.id, timeout: stallTimeout) { throw DownloadError.stalled(source: source.id, after: stallTimeout) }
                    }
                }
                group.addTask {
                    try await Self.stream(
                        from: connection, source: source, manifest: manifest, verifier: verifier, window: window, acceptCompressed: acceptCompressed,
                        session: session, file: file, wakes: wakes, progress: progress)
                }
                try await group.next()
                group.cancelAll()
            }
            session.leave(source.id, failure: nil)
        } catch {
            session.leave(source.id, failure: error)
        }
    }

    /// One source's `Fetch` stream: a request loop that keeps `window` pieces asked, and a
    /// response loop that verifies and writes what comes back.
    private static func stream(
        from connection: GRPCClientConnection, source: DownloadSource, manifest: FileManifest, verifier: any PieceVerifying.Type,
        window: Int, acceptCompressed: Bool,
        session: DownloadSession, file: PartialFile, wakes: AsyncStream<Void>, progress: @escaping @Sendable (DownloadProgress) -> Void
    ) async throws {
        try await connection.withClient { client in
            let peer = Distlab_P2p_V1_Peer.Client(wrapping: client)
            try await peer.fetch(
                requestProducer: { writer in
                    var iterator = wakes.makeAsyncIterator()
                    while true {
                        switch session.next(for: source.id, window: window) {
                        case .send(let pieces):
                            try await writer.write(contentsOf: pieces.map { index in
                                var request = Distlab_P2p_V1_PieceRequest()
                                request.fileID = manifest.id
                                request.index = UInt32(index)
                                request.acceptCompressed = acceptCompressed
                                return request
                            })
                        case .finish:
                            return
                        case .wait:
                            guard await iterator.next() != nil else { return }
                        }
                    }
                },
                onResponse: { response in
                    for try await piece in response.messages {
                        let index = Int(piece.index)
                        guard piece.fileID == manifest.id, (0..<manifest.pieces.count).contains(index) else {
                            throw PeerError.invalidArgument("sent a piece that was not asked for (\(piece.fileID) #\(piece.index))")
                        }
                        let length = manifest.layout.length(of: index)
                        let data = piece.compressed ? try? PieceCompression.decompress(piece.data, length: length) : piece.data
                        if !piece.error.isEmpty {
                            session.rejected(index, from: source.id, reason: .unavailable)
                        } else if let data, manifest.verdict(of: data, piece: index, by: verifier) == .intact {
                            try file.write(piece: index, data)
                            progress(session.received(index, from: source.id, wireBytes: piece.data.count))
                        } else {
                            session.rejected(index, from: source.id, reason: .corrupt)
                        }
                        if session.isComplete || session.isBanned(source.id) { return }
                    }
                }
            )
        }
    }
}
