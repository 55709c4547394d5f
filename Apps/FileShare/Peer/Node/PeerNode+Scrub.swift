import FileShareCore
import Foundation

extension PeerNode {
    /// Re-verifies every held file every `scrubInterval` until cancelled.
    func runScrubber() async {
        guard let interval = self.configuration.scrubInterval else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await self.scrub()
        }
    }

    /// Verifies every piece of every held file; a file with corrupt pieces (bit rot, a student
    /// with a hex editor) is repaired by fetching just those pieces again from the other holders.
    /// Until then downloaders reject the bad pieces and take them elsewhere.
    /// Returns how many pieces were found corrupt.
    @discardableResult
    public func scrub() async -> Int {
        var corrupt = 0
        for manifest in self.store.all {
            let bad = (0..<manifest.pieces.count).filter { index in
                guard let data = try? self.store.readPiece(of: manifest.id, index: index) else { return true }
                return manifest.verdict(of: data, piece: index) != .intact
            }
            guard !bad.isEmpty else { continue }
            corrupt += bad.count
            self.logger.warning("scrub: \(bad.count) corrupt piece(s) in \(manifest.name); fetching them again from the other holders")
            await self.repair(manifest)
        }
        return corrupt
    }

    /// Moves the file aside as a partial download (whose good pieces are kept) and completes it
    /// from the other holders; puts it back as it was if that fails.
    private func repair(_ manifest: FileManifest) async {
        let data = self.store.dataPath(manifest.id), partial = self.store.partialPath(manifest.id)
        guard rename(data, partial) == 0 else { return }
        let me = self.configuration.id
        do {
            var downloader = Downloader(manifest: manifest, destination: data, partialPath: partial)
            downloader.rounds = 2
            downloader.pieces = self.configuration.pieces
            let report = try await downloader.run(sources: {
                try await self.session.call { try await $0.holders(of: manifest.id, token: $1) }.peers
                    .filter { $0.id != me }.map { DownloadSource(id: $0.id, address: $0.address) }
            })
            self.logger.info("scrub: repaired \(manifest.name) (\(report.piecesBySource.values.reduce(0, +)) piece(s) fetched again)")
        } catch {
            _ = rename(partial, data)
            self.logger.warning("scrub: could not repair \(manifest.name): \(error)")
        }
    }
}
