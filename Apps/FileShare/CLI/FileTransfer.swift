import FileShareCore
import FileSharePeer

/// A download with a progress bar, and its one-paragraph summary.
enum FileTransfer {
    static func get(
        _ manifest: FileManifest, to path: String, with client: P2PClient, compressed: Bool = false, pieces: PieceStrategy
    ) async throws -> DownloadReport {
        let bar = ProgressLine("get \(manifest.name)", total: manifest.size)
        defer { bar.finish() }
        return try await client.download(manifest, to: path, compressed: compressed, pieces: pieces) { progress in
            bar.update(progress.bytesDone, detail: "from \(progress.activeSources) peer(s)")
        }
    }

    static func summary(_ report: DownloadReport) -> String {
        let sources = report.piecesBySource.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        var text = "got \(report.manifest.name) (\(ProgressLine.bytes(report.manifest.size))) in \(String(format: "%.2f", report.seconds)) s, \(ProgressLine.bytes(Int64(report.bytesPerSecond)))/s; every piece verified; pieces by peer: \(sources)"
        if report.wireBytes < report.pieceBytes {
            text += "\ncompressed on the wire: \(ProgressLine.bytes(report.wireBytes)) for \(ProgressLine.bytes(report.pieceBytes))"
        }
        if report.resumedPieces > 0 { text += "\nresumed: \(report.resumedPieces) piece(s) were already in the .part file" }
        for (source, count) in report.corruptBySource.sorted(by: { $0.key < $1.key }) { text += "\n\(source) sent \(count) corrupt piece(s): fetched again elsewhere" }
        for (source, error) in report.failedSources.sorted(by: { $0.key < $1.key }) { text += "\n\(source) failed: \(error)" }
        return text
    }
}
