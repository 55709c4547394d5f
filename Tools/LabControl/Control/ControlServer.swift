import LabNet
import LabWire
import NIOCore

/// Serves `ControlRequest`s for a supervisor on a loopback port chosen by the OS.
enum ControlServer {
    static func bind(for supervisor: Supervisor) async throws -> LineServer {
        try await LineServer.bind(host: "127.0.0.1", port: 0, maximumLineLength: 64 * 1024, idleTimeout: nil) { frame in
            let reply = await self.reply(to: frame, supervisor: supervisor)
            var line = (try? JSONLineCoding.encode(reply)) ?? ByteBuffer(string: #"{"ok":false}"#)
            line.moveWriterIndex(to: line.writerIndex - 1)  // LineServer appends the newline
            return line
        }
    }

    private static func reply(to frame: LineFrame, supervisor: Supervisor) async -> ControlReply {
        let request: ControlRequest
        switch frame {
        case .rejected(let error):
            return ControlReply(ok: false, message: error.description)
        case .line(let line):
            do {
                request = try JSONLineCoding.decode(ControlRequest.self, from: line)
            } catch {
                return ControlReply(ok: false, message: "\(error) (commands: \(ControlRequest.Command.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        do {
            let message = try await self.perform(request, on: supervisor)
            return ControlReply(ok: true, message: message, state: await supervisor.state())
        } catch {
            return ControlReply(ok: false, message: String(describing: error), state: await supervisor.state())
        }
    }

    private static func perform(_ request: ControlRequest, on supervisor: Supervisor) async throws -> String? {
        if request.command == .status { return nil }
        if request.command == .down {
            await supervisor.shutdown()
            return "topology stopped"
        }
        if request.command == .network {
            guard let change = request.network else { throw ControlError.invalidRequest("'network' needs a change") }
            return try await supervisor.changeNetwork(change)
        }
        guard let node = request.node else {
            throw ControlError.invalidRequest("'\(request.command.rawValue)' needs a node")
        }
        switch request.command {
        case .stop: try await supervisor.stop(node)
        case .kill: try await supervisor.kill(node)
        case .restart: try await supervisor.restart(node)
        case .pause: try await supervisor.pause(node)
        case .resume: try await supervisor.resume(node)
        case .status, .down, .network: break
        }
        return "\(node): \(request.command.rawValue) done"
    }
}
