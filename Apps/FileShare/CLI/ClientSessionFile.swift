import FileShareCore
import Foundation

/// The client's login, kept between commands in a small JSON file (default
/// `~/.distlab/p2p-session.json`, or `$P2P_SESSION`), readable only by its owner.
struct ClientSessionFile: Codable {
    var tracker: String
    var username: String
    var token: String
    var expiresAt: Date

    static func defaultPath() -> String {
        if let path = ProcessInfo.processInfo.environment["P2P_SESSION"] { return path }
        return FileManager.default.homeDirectoryForCurrentUser.path + "/.distlab/p2p-session.json"
    }

    static func load(from path: String) -> ClientSessionFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? TrackerAPI.decoder.decode(ClientSessionFile.self, from: data)
    }

    func save(to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try TrackerAPI.encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    static func remove(at path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
