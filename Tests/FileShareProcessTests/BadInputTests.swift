import FileShareCore
import FileSharePeer
import Foundation
import GRPCCore
import LabNet
import LabProto
import LabTestSupport
import NIOCore
import NIOPosix
import Testing

/// Peers refuse what they must — uploads without a valid token, names that escape a directory,
/// forged manifests, requests for pieces they lack — with a clear status, and keep serving.
@Suite(.serialized)
struct BadInputTests {
    /// Sends a raw upload (header + one chunk) to `peer` and returns the error it got.
    /// `claimedSize` is the size the header announces (default: the data's).
    func uploadError(to peer: HostAndPort, token: String, name: String, data: Data = Data("hello".utf8), claimedSize: Int? = nil) async throws -> RPCError {
        let header = Distlab_P2p_V1_UploadHeader.with {
            $0.token = token
            $0.name = name
            $0.size = Int64(claimedSize ?? data.count)
        }
        do {
            _ = try await GRPCClientConnection(host: peer.host, port: peer.port).withClient { client in
                try await Distlab_P2p_V1_Peer.Client(wrapping: client).upload(requestProducer: { writer in
                    try await writer.write(.with { $0.header = header })
                    try await writer.write(.with { $0.data = data })
                })
            }
        } catch let error as RPCError {
            return error
        }
        throw TopologyFailure(message: "the upload of \(name.debugDescription) was accepted")
    }

    @Test func uploadsNeedAValidTokenAndASafeName() async throws {
        try await P2PNetwork.with(name: "p2p-bad-input", peers: 1, replicas: 1) { network in
            let peer = try network.address(of: "p1")
            let noToken = try await self.uploadError(to: peer, token: "", name: "ok.txt")
            #expect(noToken.code == .unauthenticated)
            let badToken = try await self.uploadError(to: peer, token: String(repeating: "ab", count: 32), name: "ok.txt")
            #expect(badToken.code == .unauthenticated)
            #expect(badToken.message.contains("log in"), "\(badToken.message)")

            let token = network.client.token
            for name in ["../escape.txt", "/etc/passwd", "a/b.txt", "..", "nul\u{0}byte.txt", "", String(repeating: "x", count: 300)] {
                let refused = try await self.uploadError(to: peer, token: token, name: name)
                #expect(refused.code == .invalidArgument, "\(name.debugDescription): \(refused)")
                #expect(refused.message.contains("name"), "\(refused.message)")
            }
            let short = try await self.uploadError(to: peer, token: token, name: "short.txt", data: Data(), claimedSize: 5)
            #expect(short.code == .invalidArgument)
            #expect(short.message.contains("ended after 0 of the 5 bytes"), "\(short.message)")

            // Nothing was stored, and the peer still serves.
            let files = try await GRPCClientConnection(host: peer.host, port: peer.port).withClient { client in
                try await Distlab_P2p_V1_Peer.Client(wrapping: client).list(Distlab_P2p_V1_ListRequest())
            }
            #expect(files.files.isEmpty)
            let entries = try FileManager.default.contentsOfDirectory(atPath: network.topology.runDirectory.dataDirectory("p1").appendingPathComponent("partial").path)
            #expect(entries.isEmpty, "left-over upload files: \(entries)")
        }
    }

    @Test func unknownPiecesForgedManifestsAndGarbageGetErrorsNotCrashes() async throws {
        try await P2PNetwork.with(name: "p2p-bad-requests", peers: 1, replicas: 1) { network in
            let peer = try network.address(of: "p1")
            let path = try network.makeFile("real.bin", bytes: 4_096, seed: 5)
            let upload = try await network.client.upload(path, to: peer, pieceSize: 1_024)

            // Garbage on the gRPC port: the connection is dropped, the peer lives on.
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: peer.host, port: peer.port).get()
            try? await channel.writeAndFlush(ByteBuffer(bytes: (0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 31) })).get()
            try? await channel.close().get()  // the peer may have dropped it first

            let pieces = try await GRPCClientConnection(host: peer.host, port: peer.port).withClient { client in
                try await Distlab_P2p_V1_Peer.Client(wrapping: client).fetch(requestProducer: { writer in
                    try await writer.write(.with { $0.fileID = upload.manifest.id; $0.index = 9 })
                    try await writer.write(.with { $0.fileID = String(repeating: "0", count: 64); $0.index = 0 })
                    try await writer.write(.with { $0.fileID = upload.manifest.id; $0.index = 3 })
                }, onResponse: { response in
                    var pieces: [Distlab_P2p_V1_Piece] = []
                    for try await piece in response.messages { pieces.append(piece) }
                    return pieces
                })
            }
            #expect(pieces.count == 3)
            #expect(pieces[0].error.contains("out of range"), "\(pieces[0].error)")
            #expect(pieces[1].error.contains("holds no file"), "\(pieces[1].error)")
            #expect(pieces[2].error.isEmpty && pieces[2].data.count == 1_024)

            var forged = upload.manifest
            forged.name = "renamed.bin"  // the id no longer matches the content
            do {
                _ = try await GRPCClientConnection(host: peer.host, port: peer.port).withClient { client in
                    try await Distlab_P2p_V1_Peer.Client(wrapping: client).replicate(.with { $0.manifest = forged.proto })
                }
                Issue.record("a forged manifest was accepted")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument)
                #expect(error.message.contains("does not match"), "\(error.message)")
            }
        }
    }
}
