import FileShareCore

/// A peer a download can take pieces from.
public struct DownloadSource: Sendable, Hashable, CustomStringConvertible {
    /// The peer's id (as the tracker knows it).
    public var id: String
    /// The `HOST:PORT` of its gRPC service.
    public var address: String

    public init(id: String, address: String) {
        self.id = id
        self.address = address
    }

    public var description: String { "\(self.id) (\(self.address))" }
}

/// How far a download is, reported after every piece.
public struct DownloadProgress: Sendable {
    public var piecesDone: Int
    public var pieceCount: Int
    public var bytesDone: Int64
    public var totalBytes: Int64
    /// Sources currently connected.
    public var activeSources: Int
}

/// What a finished download did.
public struct DownloadReport: Sendable {
    public var manifest: FileManifest
    /// Seconds from start to the atomic rename.
    public var seconds: Double
    /// Verified pieces taken from each source.
    public var piecesBySource: [String: Int]
    /// Pieces that failed verification, by source.
    public var corruptBySource: [String: Int]
    /// Sources whose connection failed, with the error.
    public var failedSources: [String: String]
    /// Pieces found already correct in the `.part` file (a resumed download).
    public var resumedPieces: Int
    /// Bytes of the pieces received (not counting resumed ones).
    public var pieceBytes: Int64
    /// The same pieces' bytes as they travelled (fewer when compressed).
    public var wireBytes: Int64

    /// Bytes per second over the whole download.
    public var bytesPerSecond: Double { self.seconds > 0 ? Double(self.manifest.size) / self.seconds : 0 }
}

/// Why a download could not finish.
public enum DownloadError: Error, CustomStringConvertible {
    /// Every source was tried and some pieces are still missing.
    case incomplete(file: String, missing: Int, failures: [String: String], corrupt: [String: Int])
    /// The destination could not be written.
    case storage(String)
    /// A source stopped answering with pieces in flight.
    case stalled(source: String, after: Duration)

    public var description: String {
        switch self {
        case .incomplete(let file, let missing, let failures, let corrupt):
            var text = "could not get \(missing) piece(s) of \(file) from any source"
            for (source, error) in failures.sorted(by: { $0.key < $1.key }) { text += "\n  \(source): \(error)" }
            for (source, count) in corrupt.sorted(by: { $0.key < $1.key }) { text += "\n  \(source): sent \(count) corrupt piece(s)" }
            return text + "\nthe .part file keeps the verified pieces: run the same command again to resume"
        case .storage(let problem):
            return "cannot write the download: \(problem)"
        case .stalled(let source, let after):
            return "\(source) sent nothing for \(after) with pieces in flight (paused or overloaded?): its pieces went to other sources"
        }
    }
}
