import FileShareCore
import Foundation
import Testing
@testable import FileShareTracker

@Suite("Tracker re-replication tasks in heartbeat replies, over HTTP")
struct TrackerReplicationTests {
    let p1 = TrackerAPI.Peer(id: "p1", address: "127.0.0.1:7101")
    let p2 = TrackerAPI.Peer(id: "p2", address: "127.0.0.1:7102")
    let p3 = TrackerAPI.Peer(id: "p3", address: "127.0.0.1:7103")
    let p4 = TrackerAPI.Peer(id: "p4", address: "127.0.0.1:7104")
    let f = sampleManifest("f.bin", seed: 1)
    let g = sampleManifest("g.bin", seed: 2)
    let h = sampleManifest("h.bin", seed: 3)
    let k = sampleManifest("k.bin", seed: 4)

    @Test func theHolderIsAskedToCopyToTheLeastLoadedPeerUntilTheFactorIsMet() async throws {
        let setup = try TrackerUnderTest(replicas: 2)
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            _ = try await client.index(self.p1, [self.f], token: token)
            _ = try await client.index(self.p2, [self.g], token: token)
            _ = try await client.index(self.p3, [self.g, self.h, self.k], token: token)

            #expect(try await client.heartbeat("p1", token: token).replicate == [TrackerAPI.ReplicationTask(file: self.f, targets: [self.p2])])
            #expect(try await client.heartbeat("p2", token: token).replicate.isEmpty)
            // p1 and p2 hold one file each: the tie goes to the smaller id.
            #expect(try await client.heartbeat("p3", token: token).replicate == [
                TrackerAPI.ReplicationTask(file: self.h, targets: [self.p1]),
                TrackerAPI.ReplicationTask(file: self.k, targets: [self.p1]),
            ])

            _ = try await client.index(self.p2, [self.g, self.f], token: token)
            #expect(try await client.heartbeat("p1", token: token).replicate.isEmpty)
            #expect(try await client.heartbeat("p2", token: token).replicate.isEmpty)
        }
    }

    @Test func onlyTheHolderWithTheSmallestIDIsAskedAndOnlyWhenThereIsATarget() async throws {
        let setup = try TrackerUnderTest(replicas: 3)
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            _ = try await client.index(self.p2, [self.f], token: token)
            _ = try await client.index(self.p1, [self.f], token: token)
            #expect(try await client.heartbeat("p1", token: token).replicate.isEmpty)

            _ = try await client.index(self.p4, [], token: token)
            _ = try await client.index(self.p3, [], token: token)
            #expect(try await client.heartbeat("p1", token: token).replicate == [TrackerAPI.ReplicationTask(file: self.f, targets: [self.p3])])
            #expect(try await client.heartbeat("p2", token: token).replicate.isEmpty)
        }
    }

    @Test func whenAHolderIsDroppedTheSurvivorIsAskedToCopy() async throws {
        let setup = try TrackerUnderTest(peerTTL: 30, replicas: 2)
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            _ = try await client.index(self.p1, [self.f], token: token)
            _ = try await client.index(self.p2, [self.f], token: token)
            _ = try await client.index(self.p3, [], token: token)
            #expect(try await client.heartbeat("p1", token: token).replicate.isEmpty)
            #expect(try await client.heartbeat("p2", token: token).replicate.isEmpty)

            setup.clock.advance(by: 20)
            _ = try await client.heartbeat("p2", token: token)
            _ = try await client.heartbeat("p3", token: token)
            setup.clock.advance(by: 10)
            #expect(try await tracker.sweep() == ["p1"])

            #expect(try await client.heartbeat("p2", token: token).replicate == [TrackerAPI.ReplicationTask(file: self.f, targets: [self.p3])])
            #expect(try await client.heartbeat("p3", token: token).replicate.isEmpty)
        }
    }
}
