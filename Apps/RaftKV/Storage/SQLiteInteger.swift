/// SQLite integers are signed: `UInt64` terms, indices and node ids are stored as the `Int64`
/// with the same bit pattern and read back the same way.
enum SQLiteInteger {
    static func stored(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }
    static func loaded(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }
}
