import FileShareCore
import Foundation

extension PeerNode {
    /// Announces, then heartbeats every `heartbeatInterval` until cancelled, carrying out the
    /// copies the tracker asks for in its replies. A tracker that is down or forgot this peer is
    /// retried and re-announced to; nothing here ends the peer.
    func runHeartbeats() async {
        var announced = false
        while !Task.isCancelled {
            do {
                if !announced {
                    try await self.announce()
                    announced = true
                    self.logger.info("announced \(self.store.all.count) file(s) to \(self.session.tracker.baseURL) as \(self.identity.id) at \(self.identity.address)")
                }
                let me = self.configuration.id
                let reply = try await self.session.call { try await $0.heartbeat(peer: me, token: $1) }
                for task in reply.replicate { self.startPushing(task) }
            } catch let error as TrackerCallError {
                if case .refused(404, _, _, _) = error { announced = false }  // dropped after the TTL: announce again
                self.logger.warning("tracker: \(error)")
            } catch {
                self.logger.warning("tracker: \(error)")
            }
            try? await Task.sleep(for: self.configuration.heartbeatInterval)
        }
    }

    /// Starts copying an under-replicated file to the targets the tracker chose, unless that copy
    /// is already under way.
    private func startPushing(_ task: TrackerAPI.ReplicationTask) {
        for target in task.targets {
            let key = "\(task.file.id)>\(target.id)"
            guard self.pushing.withLock({ $0.insert(key).inserted }) else { continue }
            Task {
                defer { _ = self.pushing.withLock { $0.remove(key) } }
                do {
                    try await self.push(task.file, to: target)
                    self.logger.info("re-replicated \(task.file.name) to \(target.id)")
                } catch {
                    self.logger.warning("could not re-replicate \(task.file.name) to \(target.id): \(error)")
                }
            }
        }
    }
}
