import Foundation

/// A fresh, empty directory for one test, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    public init(prefix: String = "DistLabTests") throws {
        self.path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    /// The directory as a URL.
    public var url: URL { URL(fileURLWithPath: self.path, isDirectory: true) }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { self.path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: self.path) }
}
