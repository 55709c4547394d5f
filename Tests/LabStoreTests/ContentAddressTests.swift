import LabTestSupport
import Foundation
import LabStore
import Testing

/// Content-addressed objects: key format, deduplication and detection of on-disk corruption.
@Suite struct ContentAddressTests {
    @Test func keyIsTheSHA256SplitAfterTwoDigits() throws {
        let directory = try TemporaryDirectory()
        let store = try ObjectStore(directory: directory.path)
        let key = try store.putContentAddressed(Data("abc".utf8))
        #expect(key == "sha256/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try store.get(key) == Data("abc".utf8))
        #expect(try store.putContentAddressed(Data("abc".utf8)) == key)
        #expect(try store.list() == [key])
    }

    @Test func flippedByteOnDiskIsDetected() throws {
        let directory = try TemporaryDirectory()
        let store = try ObjectStore(directory: directory.path)
        let key = try store.putContentAddressed(Data("precious bytes".utf8))
        let path = directory.path + "/" + key
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ObjectStoreError.self) { try store.get(key) }
        #expect(error == .corruptObject(key: key, path: path,
                                        actualSHA256: ContentAddress(of: bytes).hexDigest))
    }

    @Test func plainPutOfWrongBytesUnderAContentAddressIsDetected() throws {
        let directory = try TemporaryDirectory()
        let store = try ObjectStore(directory: directory.path)
        let key = ContentAddress(of: Data("right".utf8)).key
        try store.put(key, Data("wrong".utf8))
        #expect(throws: ObjectStoreError.self) { try store.get(key) }
    }

    @Test(arguments: [
        "sha256/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
        "sha256/BA/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "sha1/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "sha256/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "results/abc.json",
    ])
    func otherKeysAreNotContentAddresses(key: String) {
        #expect(ContentAddress(key: key) == nil)
    }
}
