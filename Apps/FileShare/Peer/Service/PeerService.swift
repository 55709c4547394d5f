import FileShareCore
import Foundation
import GRPCCore
import LabProto

/// The gRPC face of a `PeerNode`: serves manifests and pieces, takes uploads and replication
/// requests. A bad request gets a clear status (or, inside a `Fetch` stream, a `Piece` with
/// `error` set) and the peer keeps serving everyone else.
struct PeerService: Distlab_P2p_V1_Peer.SimpleServiceProtocol {
    let node: PeerNode

    func getManifest(request: Distlab_P2p_V1_ManifestRequest, context: ServerContext) async throws -> Distlab_P2p_V1_Manifest {
        guard let manifest = self.node.store.manifest(request.fileID) else { throw PeerError.unknownFile(request.fileID).rpcError }
        return manifest.proto
    }

    func fetch(
        request: RPCAsyncSequence<Distlab_P2p_V1_PieceRequest, any Error>,
        response: RPCWriter<Distlab_P2p_V1_Piece>,
        context: ServerContext
    ) async throws {
        for try await wanted in request {
            var piece = Distlab_P2p_V1_Piece()
            piece.fileID = wanted.fileID
            piece.index = wanted.index
            do {
                piece.data = try self.node.store.readPiece(of: wanted.fileID, index: Int(wanted.index))
                if wanted.acceptCompressed, self.node.mayCompress(wanted.fileID) {
                    if let smaller = PieceCompression.compressIfWorthIt(piece.data) {
                        piece.data = smaller
                        piece.compressed = true
                    } else {
                        self.node.markIncompressible(wanted.fileID)
                    }
                }
            } catch {
                piece.error = error.description
            }
            try await response.write(piece)
        }
    }

    func upload(
        request: RPCAsyncSequence<Distlab_P2p_V1_UploadChunk, any Error>, context: ServerContext
    ) async throws -> Distlab_P2p_V1_UploadReply {
        do {
            return try await self.node.receiveUpload(request)
        } catch let error as PeerError {
            throw error.rpcError
        }
    }

    func replicate(request: Distlab_P2p_V1_ReplicateRequest, context: ServerContext) async throws -> Distlab_P2p_V1_ReplicateReply {
        do {
            let manifest = try FileManifest(proto: request.manifest)
            let sources = request.sources.map { DownloadSource(id: $0.id, address: $0.address) }
            var reply = Distlab_P2p_V1_ReplicateReply()
            reply.alreadyHeld = !(try await self.node.hold(manifest, sources: sources))
            return reply
        } catch let error as PeerError {
            throw error.rpcError
        } catch let error as DownloadError {
            throw RPCError(code: .unavailable, message: error.description)
        }
    }

    func list(request: Distlab_P2p_V1_ListRequest, context: ServerContext) async throws -> Distlab_P2p_V1_ListReply {
        var reply = Distlab_P2p_V1_ListReply()
        reply.files = self.node.store.all.map(\.proto)
        return reply
    }
}
