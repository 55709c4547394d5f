import RaftKV
import Testing

/// Oversized or empty input is refused with a message that says what to do, and changes nothing.
@Suite struct KVLimitsTests {
    static let limits = KVLimits(maxKeyBytes: 8, maxValueBytes: 16, maxSessions: 4)

    @Test func defaults() {
        let limits = KVLimits()
        #expect(limits.maxKeyBytes == 1024 && limits.maxValueBytes == 64 * 1024 && limits.maxSessions == 10_000)
    }

    @Test(arguments: [
        (KVOperation.get(key: ""), KVError.emptyKey),
        (.put(key: "", value: "v"), .emptyKey),
        (.get(key: "123456789"), .keyTooLarge(size: 9, limit: 8)),
        (.delete(key: "ééééé"), .keyTooLarge(size: 10, limit: 8)),
        (.put(key: "k", value: String(repeating: "v", count: 17)), .valueTooLarge(size: 17, limit: 16)),
        (.append(key: "k", suffix: String(repeating: "v", count: 20)), .valueTooLarge(size: 20, limit: 16)),
        (.cas(key: "k", expected: String(repeating: "v", count: 17), new: ""), .valueTooLarge(size: 17, limit: 16)),
        (.cas(key: "k", expected: nil, new: String(repeating: "v", count: 18)), .valueTooLarge(size: 18, limit: 16)),
        (.list(prefix: "123456789", limit: 1), .keyTooLarge(size: 9, limit: 8)),
        (.list(prefix: "", limit: -1), .invalidLimit(-1)),
    ])
    func badInputIsRejected(op: KVOperation, error: KVError) {
        #expect(throws: error) { try Self.limits.validate(op) }
        var kv = Driver(limits: Self.limits)
        kv.run(.put(key: "k", value: "v"))
        #expect(kv.run(op) == .rejected(error))
        #expect(kv.machine.read(.get(key: "k")) == .value("v"))
        #expect(kv.machine.count == 1)
    }

    @Test func goodInputPasses() throws {
        try Self.limits.validate(.put(key: "12345678", value: String(repeating: "v", count: 16)))
        try Self.limits.validate(.list(prefix: "", limit: 0))
        try Self.limits.validate(.cas(key: "k", expected: nil, new: ""))
    }

    @Test func appendThatWouldGrowTooLargeIsRejectedWhenApplied() {
        var kv = Driver(limits: Self.limits)
        kv.run(.put(key: "k", value: String(repeating: "v", count: 10)))
        #expect(kv.run(.append(key: "k", suffix: "123456")) == .done)
        #expect(kv.run(.append(key: "k", suffix: "x")) == .rejected(.valueTooLarge(size: 17, limit: 16)))
        #expect(kv.machine.read(.get(key: "k")) == .value(String(repeating: "v", count: 10) + "123456"))
    }

    @Test func messagesSayWhatIsWrongAndWhatToDo() {
        #expect(KVError.keyTooLarge(size: 2000, limit: 1024).description
            == "key is 2000 bytes, more than the limit of 1024 bytes (UTF-8); use a shorter key")
        let value = KVError.valueTooLarge(size: 70_000, limit: 65_536).description
        #expect(value.contains("70000") && value.contains("65536") && value.contains("smaller values"))
        #expect(KVError.emptyKey.description.contains("at least one character"))
        #expect(KVError.invalidLimit(-3).description.contains("-3"))
        #expect(KVError.staleSequence(client: 4, sequence: 2, latest: 3).description.contains("next sequence"))
    }
}
