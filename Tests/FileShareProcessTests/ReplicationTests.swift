import FileShareCore
import FileSharePeer
import Foundation
import LabTestSupport
import Testing

/// Replicas survive peers that leave on purpose and peers that die.
@Suite(.serialized)
struct ReplicationTests {
    @Test func aPeerLeavingGracefullyFirstKeepsEveryFileAtKReplicas() async throws {
        try await P2PNetwork.with(name: "p2p-leave", replicas: 2) { network in
            var ids: [String] = []
            for number in 1...3 {
                let path = try network.makeFile("file\(number).bin", bytes: 3 << 20, seed: UInt64(number))
                ids.append(try await network.client.upload(path, to: try network.address(of: "p1")).manifest.id)
            }
            let leaver = "p1"
            let stop = try await network.topology.labctl("stop", leaver)
            #expect(stop.status == 0, "\(stop.transcript)")
            for id in ids {
                let holders = try await network.holders(of: id)
                #expect(!holders.contains(leaver), "\(leaver) left, yet the tracker lists it for \(id)")
                #expect(holders.count == 2, "file \(id) has holders \(holders.sorted()) after \(leaver) left")
            }
        }
    }

    @Test func whenAHolderDiesTheTrackerHasTheSurvivorsReReplicate() async throws {
        try await P2PNetwork.with(name: "p2p-death", replicas: 2, peerTTL: 2) { network in
            let path = try network.makeFile("precious.bin", bytes: 3 << 20, seed: 9)
            let upload = try await network.client.upload(path, to: try network.address(of: "p1"))
            let victim = try #require(upload.holders.last)
            #expect(victim != "p1")
            let pid = try #require(try network.topology.node(victim).pid)
            let killed = kill(pid, SIGKILL)
            #expect(killed == 0)
            let fileID = upload.manifest.id

            try await network.waitUntil(file: fileID, isHeldByTwoPeersWithout: victim)
        }
    }
}
