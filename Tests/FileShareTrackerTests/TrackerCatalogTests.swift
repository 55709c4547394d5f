import FileShareCore
import Foundation
import Testing
@testable import FileShareTracker

@Suite("Tracker index, search, peers and liveness over HTTP")
struct TrackerCatalogTests {
    let alpha = TrackerAPI.Peer(id: "alpha", address: "127.0.0.1:7001")
    let beta = TrackerAPI.Peer(id: "beta", address: "127.0.0.1:7002")

    @Test func indexedFilesAreFoundWithTheirHolders() async throws {
        let setup = try TrackerUnderTest()
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            let report = sampleManifest("Report.PDF", seed: 1)
            let song = sampleManifest("song.mp3", seed: 2)
            #expect(try await client.index(self.alpha, [report, song], token: token).status == .ok)
            #expect(try await client.index(self.beta, [report], token: token).status == .ok)

            let found = try await client.search("report", token: token)
            #expect(found == [TrackerAPI.SearchResult(id: report.id, name: "Report.PDF", size: report.size, replicas: 2)])
            #expect(try await client.search("MP3", token: token).map(\.replicas) == [1])
            #expect(try await client.search("nothing", token: token).isEmpty)

            let holders = try await client.send(.get, "/files/\(report.id)/peers", token: token).decode(TrackerAPI.FilePeers.self)
            #expect(holders.file == report)
            #expect(holders.peers.map(\.address) == ["127.0.0.1:7001", "127.0.0.1:7002"])
            let peers = try await client.send(.get, "/peers", token: token).decode([TrackerAPI.PeerStatus].self)
            #expect(peers.map(\.id) == ["alpha", "beta"])
            #expect(peers.map(\.files) == [2, 1])
            #expect(try await client.send(.get, "/files/\(String(repeating: "0", count: 64))/peers", token: token).status == .notFound)
        }
    }

    @Test func aForgedFileIDIsRejected() async throws {
        let setup = try TrackerUnderTest()
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            var forged = sampleManifest("a.bin")
            forged.id = sampleManifest("b.bin").id
            let response = try await client.index(self.alpha, [sampleManifest("ok.bin"), forged], token: token)
            #expect(response.status == .badRequest)
            #expect(try response.error.error.hasPrefix("files[1].id does not match the manifest"))
            #expect(try await client.search("", token: token).isEmpty)
        }
    }

    @Test func badNamesAndOversizedBodiesAreRefusedAndTheServerKeepsServing() async throws {
        let setup = try TrackerUnderTest(maxBodyBytes: 4_096)
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            for (name, problem) in [("../etc/passwd", "contains \"..\""), ("/abs", "contains a path separator"), ("a\u{0}b", "contains a NUL byte")] {
                let response = try await client.index(self.alpha, [sampleManifest("fine"), sampleManifest(name)], token: token)
                #expect(response.status == .badRequest)
                #expect(try response.error.error == "files[1].name \(problem)")
            }
            let badPeer = try await client.index(TrackerAPI.Peer(id: "x", address: "nowhere"), [], token: token)
            #expect(try badPeer.error.error.hasPrefix("peer.address is not HOST:PORT"))
            let missing = try await client.send(.post, "/index", token: token, body: Array(#"{"peer":{"id":"x","address":"h:1"},"files":[{"name":"a"}]}"#.utf8))
            #expect(try missing.error.error == "files[0].size is missing")

            let huge = try await client.index(self.alpha, (0..<40).map { sampleManifest("f\($0)", seed: $0) }, token: token)
            #expect(huge.status == .contentTooLarge)
            #expect(try huge.error.error == "the body is larger than the limit of 4096 bytes")

            #expect(try await client.send(.get, "/health").status == .ok)
            #expect(try await client.index(self.alpha, [sampleManifest("fine")], token: token).status == .ok)
            #expect(try await client.search("fine", token: token).count == 1)
        }
    }

    @Test func aSilentPeerIsDroppedAndReplicaCountsGoDown() async throws {
        let setup = try TrackerUnderTest(peerTTL: 30)
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            let file = sampleManifest("shared.iso")
            _ = try await client.index(self.alpha, [file], token: token)
            _ = try await client.index(self.beta, [file], token: token)
            #expect(try await client.search("shared", token: token).map(\.replicas) == [2])

            setup.clock.advance(by: 20)
            #expect(try await client.send(.post, "/heartbeat", token: token, json: TrackerAPI.HeartbeatRequest(peer: "alpha")).status == .ok)
            setup.clock.advance(by: 10)
            #expect(try await tracker.sweep() == ["beta"])

            #expect(try await client.search("shared", token: token).map(\.replicas) == [1])
            let peers = try await client.send(.get, "/peers", token: token).decode([TrackerAPI.PeerStatus].self)
            #expect(peers.map(\.id) == ["alpha"])
            let late = try await client.send(.post, "/heartbeat", token: token, json: TrackerAPI.HeartbeatRequest(peer: "beta"))
            #expect(late.status == .notFound)
        }
    }

    @Test func aLeavingPeerIsRemovedAtOnceAndAnUnknownOneIs404() async throws {
        let setup = try TrackerUnderTest()
        let tracker = try setup.open()
        try await setup.serve(tracker) { client in
            let token = try await client.login("ana", "pw").token
            let file = sampleManifest("shared.iso")
            _ = try await client.index(self.alpha, [file], token: token)
            _ = try await client.index(self.beta, [file], token: token)
            #expect(try await client.search("shared", token: token).map(\.replicas) == [2])

            let leave = try await client.send(.post, "/leave", token: token, json: TrackerAPI.LeaveRequest(peer: "beta"))
            #expect(leave.status == .ok)
            #expect(String(decoding: leave.body.readableBytesView, as: UTF8.self) == #"{"ok":true}"#)
            #expect(try await client.search("shared", token: token).map(\.replicas) == [1])
            let peers = try await client.send(.get, "/peers", token: token).decode([TrackerAPI.PeerStatus].self)
            #expect(peers.map(\.id) == ["alpha"])

            let again = try await client.send(.post, "/leave", token: token, json: TrackerAPI.LeaveRequest(peer: "beta"))
            #expect(again.status == .notFound)
            #expect(try again.error.error == "no live peer with id beta")
            let bad = try await client.send(.post, "/leave", token: token, json: TrackerAPI.LeaveRequest(peer: "../x"))
            #expect(try bad.error.error == "peer contains \"..\"")
            #expect(try await client.send(.post, "/leave", json: TrackerAPI.LeaveRequest(peer: "alpha")).status == .unauthorized)
        }
    }

    @Test func stateSurvivesARestart() async throws {
        let setup = try TrackerUnderTest()
        let file = sampleManifest("keep.txt")
        let token = try await setup.serve(try setup.open()) { client in
            let token = try await client.login("ana", "pw").token
            #expect(try await client.index(self.alpha, [file], token: token).status == .ok)
            return token
        }
        try await setup.serve(try setup.open()) { client in
            #expect(try await client.search("keep", token: token) == [TrackerAPI.SearchResult(id: file.id, name: "keep.txt", size: file.size, replicas: 1)])
            let wrong = try await client.send(.post, "/login", json: TrackerAPI.LoginRequest(username: "ana", password: "other"))
            #expect(wrong.status == .unauthorized)
        }
    }
}
