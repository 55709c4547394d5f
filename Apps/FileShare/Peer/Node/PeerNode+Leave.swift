import FileShareCore
import Foundation

extension PeerNode {
    /// A graceful leave: for every file held, makes sure `replicas` other live peers hold it
    /// (copying it to the least loaded ones when not), then tells the tracker this peer is gone.
    /// Returns the files that could not reach `replicas` copies elsewhere (too few peers).
    @discardableResult
    public func leave() async -> [String] {
        let me = self.configuration.id
        var short: [String] = []
        for manifest in self.store.all {
            do {
                let holders = try await self.session.call { try await $0.holders(of: manifest.id, token: $1) }.peers.filter { $0.id != me }
                let needed = self.configuration.replicas - holders.count
                guard needed > 0 else { continue }
                let held = Set(holders.map(\.id))
                let candidates = try await self.session.call { try await $0.peers(token: $1) }.filter { $0.id != me && !held.contains($0.id) }
                let copied = await self.push(manifest, toAnyOf: candidates, needed: needed)
                self.logger.info("before leaving: copied \(manifest.name) to \(copied)")
                if copied.count < needed { short.append(manifest.name) }
            } catch {
                self.logger.warning("before leaving: could not check \(manifest.name): \(error)")
                short.append(manifest.name)
            }
        }
        do {
            try await self.session.call { try await $0.leave(peer: me, token: $1) }
        } catch {
            self.logger.warning("could not tell the tracker that \(me) leaves: \(error)")
        }
        return short
    }
}
