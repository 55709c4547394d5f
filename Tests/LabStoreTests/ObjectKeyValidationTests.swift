import LabTestSupport
import Foundation
import LabStore
import Testing

/// Every operation rejects a bad key with the rule it breaks, before touching the disk.
@Suite struct ObjectKeyValidationTests {
    static let badKeys: [(key: String, rule: ObjectKeyRule)] = [
        ("", .empty),
        ("..", .dotComponent("..")),
        (".", .dotComponent(".")),
        ("a/../b", .dotComponent("..")),
        ("a/./b", .dotComponent(".")),
        ("/etc/passwd", .absolutePath),
        ("a\\b", .containsBackslash),
        ("a\u{0}b", .containsNUL),
        ("a\nb", .containsControlCharacter),
        ("a\u{7F}b", .containsControlCharacter),
        ("a\u{85}b", .containsControlCharacter),
        ("a//b", .emptyComponent),
        ("a/", .emptyComponent),
        (String(repeating: "x", count: 256), .componentTooLong(bytes: 256)),
        ("a/" + String(repeating: "é", count: 128), .componentTooLong(bytes: 256)),
        (Array(repeating: String(repeating: "x", count: 100), count: 11).joined(separator: "/"),
         .tooLong(bytes: 1110)),
        (".labstore-tmp.1.2", .reservedName(".labstore-tmp.1.2")),
    ]

    @Test(arguments: badKeys)
    func badKeyIsRejectedByEveryOperation(key: String, rule: ObjectKeyRule) throws {
        let directory = try TemporaryDirectory()
        let store = try ObjectStore(directory: directory.path)
        let expected = ObjectStoreError.invalidKey(key: key, rule: rule)
        #expect(throws: expected) { try store.put(key, Data("x".utf8)) }
        #expect(throws: expected) { try store.get(key) }
        #expect(throws: expected) { try store.exists(key) }
        #expect(throws: expected) { try store.delete(key) }
        #expect(try store.list() == [])
        #expect(expected.description.contains(key.debugDescription))
    }

    @Test(arguments: [
        "a", "results/abc.json", "...", "..a", "a..", ".hidden", "a b/c-d_e.f", "ünïcödé/ключ",
        String(repeating: "x", count: 255),
    ])
    func goodKeyIsAccepted(key: String) throws {
        let directory = try TemporaryDirectory()
        let store = try ObjectStore(directory: directory.path)
        try store.put(key, Data(key.utf8))
        #expect(try store.get(key) == Data(key.utf8))
        #expect(try store.list() == [key])
    }
}
