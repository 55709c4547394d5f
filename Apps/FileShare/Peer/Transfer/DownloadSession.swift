import FileShareCore
import Foundation
import Synchronization

/// The shared state of one download: the piece picker (the `PieceStrategy`'s) and the counters,
/// behind a lock, plus a way to wake every source's request loop when something changed (a piece
/// arrived, a source failed) so it can ask for more.
final class DownloadSession: Sendable {
    /// What a source's request loop should do next.
    enum Next: Equatable {
        /// Request these pieces.
        case send([Int])
        /// Nothing to ask now, but pieces in flight elsewhere may come back: wait for a change.
        case wait
        /// Nothing more can come from this source: end its stream.
        case finish
    }

    private struct State {
        var picker: any PieceSelecting
        var wakers: [String: AsyncStream<Void>.Continuation] = [:]
        var piecesBySource: [String: Int] = [:]
        var corruptBySource: [String: Int] = [:]
        var failedSources: [String: String] = [:]
        var lastHeard: [String: ContinuousClock.Instant] = [:]
        var bytesDone: Int64 = 0
        var wireBytes: Int64 = 0
        var pieceBytes: Int64 = 0
    }

    let manifest: FileManifest
    private let state: Mutex<State>

    init(manifest: FileManifest, picker: any PieceSelecting) {
        self.manifest = manifest
        var bytes: Int64 = 0
        for index in 0..<manifest.layout.pieceCount where picker.isHeld(index) { bytes += Int64(manifest.layout.length(of: index)) }
        var state = State(picker: picker)
        state.bytesDone = bytes
        self.state = Mutex(state)
    }

    var isComplete: Bool { self.state.withLock { $0.picker.isComplete } }
    var missing: Int { self.state.withLock { $0.picker.missing } }

    /// Whether `source` is banned for sending corrupt pieces.
    func isBanned(_ source: String) -> Bool { self.state.withLock { $0.picker.isBanned(source) } }

    /// Registers a source for this round; returns the stream that wakes its request loop.
    func join(_ source: String) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.state.withLock { state in
            state.picker.addSource(source, pieces: nil)
            state.wakers[source] = continuation
            state.lastHeard[source] = .now
        }
        return stream
    }

    /// Removes a source whose stream ended; its pieces in flight go back to the others.
    func leave(_ source: String, failure: (any Error)?) {
        self.state.withLock { state in
            state.picker.removeSource(source)
            state.wakers.removeValue(forKey: source)?.finish()
            if let failure { state.failedSources[source] = "\(failure)" }
        }
        self.wakeAll()
    }

    /// Up to `window` pieces in flight from `source`: what to request now.
    func next(for source: String, window: Int) -> Next {
        self.state.withLock { state in
            if state.picker.isComplete || state.picker.isBanned(source) { return .finish }
            var pieces: [Int] = []
            while state.picker.inFlight(from: source).count < window, let piece = state.picker.next(for: source) {
                pieces.append(piece)
            }
            if !pieces.isEmpty { return .send(pieces) }
            let anythingInFlight = state.wakers.keys.contains { !state.picker.inFlight(from: $0).isEmpty }
            return anythingInFlight ? .wait : .finish
        }
    }

    /// A piece from `source` verified and written (`wireBytes` as it travelled); returns the
    /// progress to report.
    func received(_ index: Int, from source: String, wireBytes: Int) -> DownloadProgress {
        let progress = self.state.withLock { state in
            if !state.picker.isHeld(index) {
                state.bytesDone += Int64(self.manifest.layout.length(of: index))
                state.pieceBytes += Int64(self.manifest.layout.length(of: index))
                state.wireBytes += Int64(wireBytes)
                state.piecesBySource[source, default: 0] += 1
            }
            _ = state.picker.received(index, from: source)
            state.lastHeard[source] = .now
            return DownloadProgress(
                piecesDone: self.manifest.layout.pieceCount - state.picker.missing, pieceCount: self.manifest.layout.pieceCount,
                bytesDone: state.bytesDone, totalBytes: self.manifest.size, activeSources: state.wakers.count)
        }
        self.wakeAll()
        return progress
    }

    /// A piece from `source` failed verification or could not be served.
    func rejected(_ index: Int, from source: String, reason: PieceRejection) {
        self.state.withLock { state in
            if reason == .corrupt { state.corruptBySource[source, default: 0] += 1 }
            state.lastHeard[source] = .now
            state.picker.rejected(index, from: source, reason: reason)
        }
        self.wakeAll()
    }

    /// Whether `source` has had pieces in flight without answering for longer than `timeout`
    /// (a paused or wedged peer, whose TCP connection stays open).
    func isStalled(_ source: String, timeout: Duration) -> Bool {
        self.state.withLock { state in
            guard !state.picker.inFlight(from: source).isEmpty, let heard = state.lastHeard[source] else { return false }
            return ContinuousClock.now - heard > timeout
        }
    }

    /// The counters, for the report or the error.
    var counters: (pieces: [String: Int], corrupt: [String: Int], failed: [String: String], wireBytes: Int64, pieceBytes: Int64) {
        self.state.withLock { ($0.piecesBySource, $0.corruptBySource, $0.failedSources, $0.wireBytes, $0.pieceBytes) }
    }

    private func wakeAll() {
        for waker in self.state.withLock({ Array($0.wakers.values) }) { waker.yield() }
    }
}
