import Foundation
import LabControl
import LabNet
import NIOCore

/// A topology started by the real `labctl` executable in a temporary folder, for one test.
public struct Topology: Sendable {
    public let folder: TemporaryDirectory
    public let manifestPath: String
    public let name: String

    public var runRoot: String { self.folder.file(".lab") }
    public var runDirectory: RunDirectory { RunDirectory(root: URL(fileURLWithPath: self.runRoot), topology: self.name) }

    /// Writes `manifest` (JSON) into a new temporary folder.
    public init(name: String, manifest: String) throws {
        self.folder = try TemporaryDirectory(prefix: "LabControlTests")
        self.name = name
        self.manifestPath = self.folder.file("\(name).json")
        try manifest.write(toFile: self.manifestPath, atomically: true, encoding: .utf8)
    }

    /// Runs `labctl ARGS --run-dir <folder>/.lab` in the folder.
    @discardableResult
    public func labctl(_ arguments: String...) async throws -> CommandRun {
        try await self.labctl(arguments: arguments)
    }

    /// Runs `labctl ARGUMENTS --run-dir <folder>/.lab` in the folder.
    @discardableResult
    public func labctl(arguments: [String]) async throws -> CommandRun {
        try await CommandRun.run("labctl", arguments + ["--run-dir", self.runRoot], in: self.folder.path)
    }

    /// Starts the topology in the background, runs `body`, and always brings it down.
    public func run(_ body: (Topology) async throws -> Void) async throws {
        let up = try await self.labctl("up", "--detach", self.manifestPath)
        guard up.status == 0 else { throw TopologyFailure(message: "labctl up failed\n\(up.transcript)\n\(self.supervisorLog)") }
        do {
            try await body(self)
        } catch {
            try? await self.labctl("down")
            throw error
        }
        try await self.labctl("down")
    }

    public func state() throws -> TopologyState {
        guard let state = try self.runDirectory.readState() else { throw TopologyFailure(message: "no state.json") }
        return state
    }

    public func node(_ name: String) throws -> NodeStatus {
        guard let node = try self.state().node(name) else { throw TopologyFailure(message: "no node \(name)") }
        return node
    }

    public var supervisorLog: String { (try? String(contentsOf: self.runDirectory.supervisorLog, encoding: .utf8)) ?? "" }

    /// Sends one request line to `node`'s `port` and returns the reply.
    public func ask(_ node: String, _ request: String, port: String = "port") async throws -> String {
        guard let number = try self.node(node).ports[port] else { throw TopologyFailure(message: "\(node) has no port \(port)") }
        return try await LineClient.withConnection(host: "127.0.0.1", port: number, connector: TCPConnector(retry: .once)) { client in
            String(buffer: try await client.request(ByteBuffer(string: request)))
        }
    }
}

/// A test topology that could not be driven as expected.
public struct TopologyFailure: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { self.message }
}

/// Whether a process exists and is not a zombie waiting to be reaped.
public func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
}

/// The scheduler state letter of a process (`T` when stopped by SIGSTOP).
public func processState(_ pid: Int32) -> Character? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    return stat[stat.index(close, offsetBy: 2)]
}

/// A serve node for manifests: `labtestnode serve` on an auto port, ready when its port answers.
public func serveNode(_ name: String, extra: String = "", args: [String] = []) -> String {
    let arguments = (["serve", "--port", "{{self.port}}", "--name", name, "--data", "{{self.dataDir}}"] + args)
        .map { "\"\($0)\"" }.joined(separator: ", ")
    return #"{"name": "\#(name)", "command": "labtestnode", "args": [\#(arguments)], "ports": {"port": "auto"}, "ready": {"tcp": "port"}\#(extra)}"#
}
