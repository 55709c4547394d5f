import FileShareCore
import Foundation
import LabProto

extension FileManifest {
    /// The manifest as the peer protocol carries it (piece hashes as raw bytes).
    public var proto: Distlab_P2p_V1_Manifest {
        var proto = Distlab_P2p_V1_Manifest()
        proto.id = self.id
        proto.name = self.name
        proto.size = self.size
        proto.pieceSize = UInt32(self.pieceSize)
        proto.pieceHashes = self.pieces.map { Data(Hex.decode($0) ?? []) }
        return proto
    }

    /// A manifest from the wire, checked like the tracker checks an announce (valid name, sizes,
    /// hashes, and an id that matches the content).
    public init(proto: Distlab_P2p_V1_Manifest) throws(PeerError) {
        let manifest = FileManifest(
            name: proto.name, size: proto.size, pieceSize: Int(proto.pieceSize),
            pieces: proto.pieceHashes.map { Hex.encode($0) }, id: proto.id)
        do {
            try manifest.validate(at: "manifest")
        } catch {
            throw .invalidArgument("\(error)")
        }
        self = manifest
    }
}
