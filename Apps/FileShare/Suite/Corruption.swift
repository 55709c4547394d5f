import Foundation
import LabRandom

/// How a lying or broken source damages a piece; every kind changes the bytes.
enum Corruption: CaseIterable, CustomStringConvertible {
    /// One bit of one byte flipped: the right length, the wrong hash.
    case flippedBit
    /// The last byte missing.
    case truncated
    /// One byte too many at the end.
    case extended

    /// `data` damaged this way.
    func apply(to data: Data, using random: inout SplitMix64) -> Data {
        var damaged = data
        switch self {
        case .flippedBit:
            let index = Int.random(in: 0..<damaged.count, using: &random)
            damaged[damaged.startIndex + index] ^= 1 << UInt8.random(in: 0...7, using: &random)
        case .truncated:
            damaged.removeLast()
        case .extended:
            damaged.append(UInt8.random(in: .min ... .max, using: &random))
        }
        return damaged
    }

    var description: String {
        switch self {
        case .flippedBit: "a flipped bit"
        case .truncated: "its last byte missing"
        case .extended: "a byte too many"
        }
    }
}
