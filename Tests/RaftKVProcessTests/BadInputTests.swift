import Foundation
import LabNet
import LabTestSupport
import NIOCore
import RaftKV
import RaftKVClient
import RaftStorage
import NIOPosix
import Testing

/// raftkv as real processes: bad input gets a clear error and harms nobody.
@Suite("raftkv bad input")
struct BadInputTests {
    @Test func oversizedKeysAndValuesAreRefusedAndGarbageOnThePeerPortIsSurvived() async throws {
        try await RaftCluster.with(name: "raft-bad-input") { cluster in
            let endpoints = try cluster.endpoints()
            try await withRaftKVSession(endpoints: endpoints) { session in
                // Sent as raw requests, past the client's own checks, so that the node has to refuse them.
                let oversized: [(RaftKV.KVOperation, String)] = [
                    (.put(key: String(repeating: "k", count: 5000), value: "v"), "1024"),
                    (.put(key: "big", value: String(repeating: "v", count: 100_000)), "65536"),
                ]
                for (operation, limit) in oversized {
                    let request = KVCommand(client: 77, sequence: 1, operation: operation).proto(consistency: .linearizable)
                    let outcome = try await session.forward(request)
                    guard case .rejected(let message) = outcome else {
                        Issue.record("oversized input was not refused: \(outcome)")
                        continue
                    }
                    #expect(message.contains(limit), "\(message)")
                }
                // The client refuses it too, without using up a sequence number.
                await #expect(throws: RaftKVClientError.self) {
                    _ = try await session.execute(.put(key: String(repeating: "k", count: 5000), value: "v"))
                }
                // Garbage and a truncated HTTP/2 preface on every peer port.
                for node in cluster.nodes {
                    let port = try #require(try cluster.topology.node(node).ports["peer"])
                    for junk in ["GET / HTTP/1.1\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u{0}\u{0}\u{ff}garbage", "PRI * HTTP/2.0\r\n"] {
                        try await Self.sendRaw(junk, toPort: port)
                    }
                }
                #expect(try await session.execute(.put(key: "after-garbage", value: "ok")) == .done)
                #expect(try await session.execute(.get(key: "after-garbage")) == .value("ok"))
                for node in cluster.nodes { #expect(try cluster.topology.node(node).phase == .ready, "\(node) did not survive") }
            }
        }
    }

    @Test func aNodeRefusesTheDataDirectoryOfAnotherCluster() async throws {
        let folder = try TemporaryDirectory(prefix: "raftkv-foreign")
        let member = ["--member", "1=127.0.0.1:1/127.0.0.1:2"]
        _ = try RaftDiskStorage(directory: folder.file("data"), identity: ClusterIdentity(clusterID: "alpha", nodeID: 1))
        let second = try await CommandRun.run("raftkv", ["node", "--id", "1", "--cluster", "beta", "--data-dir", folder.file("data")] + member, in: folder.path)
        #expect(second.status != 0)
        #expect(second.errorOutput.contains("belongs to node 1 of cluster 'alpha'"), "\(second.transcript)")
    }

    /// Opens a TCP connection, writes `bytes` and closes it.
    static func sendRaw(_ bytes: String, toPort port: Int) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: bytes)).get()
        try await channel.close().get()
    }
}
