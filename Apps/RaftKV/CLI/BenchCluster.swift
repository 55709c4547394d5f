import Foundation
import LabNet

#if canImport(Glibc)
    import Glibc
#endif

/// The cluster `raftkv bench` starts when given no --server: three `raftkv node` processes (this
/// same binary, durable as always) on free loopback ports, with their data in a temporary folder.
/// ``stop()`` ends them and removes the folder.
struct BenchCluster {
    /// The members' client addresses.
    let endpoints: [HostAndPort]
    private let processes: [Process]
    private let folder: URL

    /// Starts the three members; they elect a leader by themselves.
    init(size: Int = 3) throws {
        self.folder = FileManager.default.temporaryDirectory.appendingPathComponent("raftkv-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        let ports = try (0..<2 * size).map { _ in try Self.freePort() }
        let members = (1...size).flatMap { id in
            ["--member", "\(id)=127.0.0.1:\(ports[2 * id - 2])/127.0.0.1:\(ports[2 * id - 1])"]
        }
        self.endpoints = (1...size).map { HostAndPort(host: "127.0.0.1", port: ports[2 * $0 - 1]) }
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var started: [Process] = []
        for id in 1...size {
            let process = Process()
            process.executableURL = binary
            process.arguments =
                ["node", "--id", "\(id)", "--cluster", "bench", "--data-dir", self.folder.appendingPathComponent("n\(id)").path] + members
            let log = self.folder.appendingPathComponent("n\(id).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            started.append(process)
        }
        self.processes = started
    }

    /// Stops the members (SIGTERM, then waits) and removes their data.
    func stop() {
        for process in self.processes where process.isRunning { process.terminate() }
        for process in self.processes { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: self.folder)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchClusterError.noFreePort }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw BenchClusterError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why `raftkv bench` could not start its cluster.
enum BenchClusterError: Error, CustomStringConvertible {
    case noFreePort

    var description: String { "no free TCP port on 127.0.0.1" }
}
