import ArgumentParser
import Foundation
import LabNet
import NIOCore

/// `labtestnode serve`: a line server for launcher tests.
///
/// On start it counts its boots in `--data/boots` and prints `boot N` and `listening on PORT`.
/// Requests: `ping` → `pong NAME boot N peer PEER`; `exit CODE` → exits with that code.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve a steerable line protocol.")

    @Option(help: "Port to listen on (0: the OS chooses).") var port: Int = 0
    @Option(help: "Name reported in replies.") var name: String = "node"
    @Option(help: "Folder in which boots are counted.") var data: String?
    @Option(help: "An address this node was told about, echoed in replies.") var peer: String = "-"
    @Flag(help: "Ignore SIGTERM, so that only SIGKILL stops this node.") var ignoreSigterm = false
    @Option(help: "Exit with this code at start-up, after printing a fatal message.") var failStart: Int32?

    func run() async throws {
        if let failStart {
            print("fatal: asked to fail at start-up with code \(failStart)")
            throw ExitCode(failStart)
        }
        if self.ignoreSigterm { signal(SIGTERM, SIG_IGN) }
        let boot = try self.countBoot()
        let reply = "pong \(self.name) boot \(boot) peer \(self.peer)"
        let server = try await LineServer.bind(host: "127.0.0.1", port: self.port) { frame in
            guard case .line(let line) = frame else { return ByteBuffer(string: "error") }
            let words = String(buffer: line).split(separator: " ")
            if words.first == "exit", let code = words.dropFirst().first.flatMap({ Int32($0) }) {
                print("exiting with code \(code) as asked")
                Foundation.exit(code)
            }
            return ByteBuffer(string: words.first == "ping" ? reply : "unknown request")
        }
        print("boot \(boot)")
        print("listening on \(server.port)")
        fflush(nil)
        try await server.run()
    }

    private func countBoot() throws -> Int {
        guard let data = self.data else { return 1 }
        let file = URL(fileURLWithPath: data).appendingPathComponent("boots")
        let previous = (try? String(contentsOf: file, encoding: .utf8)).flatMap { Int($0) } ?? 0
        try String(previous + 1).write(to: file, atomically: true, encoding: .utf8)
        return previous + 1
    }
}
