import CZlib
import Foundation

/// zlib for pieces on the wire: fast compression (level 1), and decompression into a buffer of
/// exactly the piece's length, so a malicious peer cannot make a receiver inflate more than that.
enum PieceCompression {
    /// `data` compressed, or nil when that does not shrink it by at least a tenth.
    static func compressIfWorthIt(_ data: Data) -> Data? {
        var capacity = compressBound(uLong(data.count))
        var output = Data(count: Int(capacity))
        let status = output.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { input in
                compress2(out.bindMemory(to: Bytef.self).baseAddress, &capacity, input.bindMemory(to: Bytef.self).baseAddress, uLong(data.count), 1)
            }
        }
        guard status == Z_OK, Int(capacity) * 10 <= data.count * 9 else { return nil }
        output.removeSubrange(Int(capacity)...)
        return output
    }

    /// The `length` bytes that `data` inflates to; throws if it is not zlib data of exactly that length.
    static func decompress(_ data: Data, length: Int) throws(PeerError) -> Data {
        var size = uLongf(length)
        var output = Data(count: length)
        let status = output.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { input in
                uncompress(out.bindMemory(to: Bytef.self).baseAddress, &size, input.bindMemory(to: Bytef.self).baseAddress, uLong(data.count))
            }
        }
        guard status == Z_OK, Int(size) == length else {
            throw .invalidArgument("a compressed piece does not inflate to its \(length) bytes (zlib status \(status))")
        }
        return output
    }
}
