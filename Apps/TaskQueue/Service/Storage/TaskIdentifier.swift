import Foundation

/// Task ids and lease tokens: random (version 4) UUIDs in lowercase, unique across servers sharing
/// a queue. The bits come from `SystemRandomNumberGenerator` (the getrandom call), as `UUID()` on
/// Linux opens and reads /dev/urandom for each one.
enum TaskIdentifier {
    static func make() -> String {
        var random = SystemRandomNumberGenerator()
        let high: UInt64 = random.next() & ~0xF000 | 0x4000                      // version 4
        let low: UInt64 = random.next() & ~(0xC << 60) | (0x8 << 60)             // RFC 4122 variant
        let hex = Self.hex(high) + Self.hex(low)
        var id = ""
        for (index, digit) in hex.enumerated() {
            if [8, 12, 16, 20].contains(index) { id.append("-") }
            id.append(digit)
        }
        return id
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
