import FileShareCore
import Foundation
import GRPCCore
import LabProto
import SystemPackage

extension PeerNode {
    /// Takes an upload: checks the header (token at the tracker, name, sizes), writes the bytes
    /// while hashing them into pieces, keeps the file durably, announces it, and copies it to
    /// other peers until `replicas` hold it.
    func receiveUpload(_ chunks: RPCAsyncSequence<Distlab_P2p_V1_UploadChunk, any Error>) async throws -> Distlab_P2p_V1_UploadReply {
        var iterator = chunks.makeAsyncIterator()
        guard case .header(let header)? = try await iterator.next()?.part else {
            throw PeerError.invalidArgument("an upload starts with an UploadHeader (token, name, size)")
        }
        let plan = try await self.check(header)
        let path = self.store.uploadPath(header.name)
        let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        var committed = false
        defer {
            try? fd.close()
            if !committed { unlink(path) }
        }
        var hasher = PieceHasher(pieceSize: plan.pieceSize)
        while let chunk = try await iterator.next() {
            guard case .data(let data)? = chunk.part else { throw PeerError.invalidArgument("after the header an upload carries only data chunks") }
            guard hasher.size + Int64(data.count) <= header.size else {
                throw PeerError.invalidArgument("the upload sent more than the \(header.size) bytes its header announced")
            }
            _ = try fd.writeAll(data)
            hasher.update(data)
        }
        guard hasher.size == header.size else {
            throw PeerError.invalidArgument("the upload ended after \(hasher.size) of the \(header.size) bytes its header announced")
        }
        let manifest = FileManifest(name: header.name, size: header.size, pieceSize: plan.pieceSize, pieces: hasher.finish())
        if self.store.manifest(manifest.id) == nil {
            try DiskFile.commit(fd, from: path, to: self.store.dataPath(manifest.id))
            try self.store.register(manifest)
            self.logger.info("stored upload \(manifest.name) (\(manifest.size) bytes, id \(manifest.id.prefix(12))…) from \(plan.username)")
        }
        committed = true
        try await self.announce()
        let holders = try await self.replicate(manifest, to: plan.replicas)
        var reply = Distlab_P2p_V1_UploadReply()
        reply.manifest = manifest.proto
        reply.holders = holders
        if holders.count < plan.replicas {
            reply.warning = "only \(holders.count) of the \(plan.replicas) peers asked for hold the file: not enough live peers took a copy"
        }
        return reply
    }

    private struct UploadPlan {
        var username: String
        var pieceSize: Int
        var replicas: Int
    }

    private func check(_ header: Distlab_P2p_V1_UploadHeader) async throws -> UploadPlan {
        guard !header.token.isEmpty else { throw PeerError.unauthenticated("the upload carries no tracker token") }
        if let problem = NameRule.problem(with: header.name) {
            throw PeerError.invalidArgument("name \(header.name.debugDescription) \(problem)")
        }
        guard (0...PeerLimits.maxFileBytes).contains(header.size) else {
            throw PeerError.invalidArgument("size \(header.size) is not between 0 and \(PeerLimits.maxFileBytes) bytes")
        }
        let pieceSize = header.pieceSize == 0 ? self.configuration.pieceSize : Int(header.pieceSize)
        guard FileManifest.pieceSizes.contains(pieceSize) else {
            throw PeerError.invalidArgument("piece size \(pieceSize) is not between \(FileManifest.pieceSizes.lowerBound) and \(FileManifest.pieceSizes.upperBound)")
        }
        let replicas = header.replicas == 0 ? self.configuration.replicas : Int(header.replicas)
        guard (1...16).contains(replicas) else { throw PeerError.invalidArgument("replicas \(replicas) is not between 1 and 16") }
        let session: TrackerAPI.SessionInfo
        do {
            session = try await self.session.tracker.session(token: header.token)
        } catch let error as TrackerCallError where error.needsLogin {
            throw PeerError.unauthenticated("the tracker does not accept the upload's token (\(error))")
        }
        return UploadPlan(username: session.username, pieceSize: pieceSize, replicas: replicas)
    }

    /// Copies `manifest` to more peers until `replicas` live peers hold it; returns the holders,
    /// this peer first.
    func replicate(_ manifest: FileManifest, to replicas: Int) async throws -> [String] {
        let me = self.configuration.id
        let others = try await self.session.call { try await $0.holders(of: manifest.id, token: $1) }.peers.map(\.id).filter { $0 != me }
        let needed = replicas - 1 - others.count
        guard needed > 0 else { return [me] + others }
        let held = Set(others)
        let candidates = try await self.session.call { try await $0.peers(token: $1) }.filter { $0.id != me && !held.contains($0.id) }
        return [me] + others + (await self.push(manifest, toAnyOf: candidates, needed: needed))
    }
}
