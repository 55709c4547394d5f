import ArgumentParser
import Foundation
import LabControl

/// The commands that act on one node of a running topology through its supervisor.
protocol NodeCommand: AsyncParsableCommand {
    static var command: ControlRequest.Command { get }
    var node: String { get }
    var options: TopologyOptions { get }
}

extension NodeCommand {
    func run() async throws {
        do {
            let reply = try await self.options.client().send(ControlRequest(command: Self.command, node: self.node))
            guard reply.ok else { throw fail(reply.message ?? "\(Self.command.rawValue) failed") }
            print(reply.message ?? "ok")
            if let status = reply.state?.node(self.node) {
                print("\(status.name): \(status.phase.rawValue)\(status.pid.map { ", pid \($0)" } ?? "")\(status.lastExit.map { ", last exit: \($0)" } ?? "")")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail(error)
        }
    }
}

struct Stop: NodeCommand {
    static let configuration = CommandConfiguration(abstract: "Stop a node with SIGTERM (SIGKILL after its grace period); it stays down until `restart`.")
    static let command = ControlRequest.Command.stop
    @Argument(help: "The node.") var node: String
    @OptionGroup var options: TopologyOptions
}

struct Kill: NodeCommand {
    static let configuration = CommandConfiguration(abstract: "Kill a node with SIGKILL, as a crash would; it stays down until `restart`.")
    static let command = ControlRequest.Command.kill
    @Argument(help: "The node.") var node: String
    @OptionGroup var options: TopologyOptions
}

struct Restart: NodeCommand {
    static let configuration = CommandConfiguration(abstract: "Restart a node with the same ports and data directory, and wait until it is ready.")
    static let command = ControlRequest.Command.restart
    @Argument(help: "The node.") var node: String
    @OptionGroup var options: TopologyOptions
}

struct Pause: NodeCommand {
    static let configuration = CommandConfiguration(abstract: "Freeze a node with SIGSTOP (a long GC pause or a hung VM, as its peers see it).")
    static let command = ControlRequest.Command.pause
    @Argument(help: "The node.") var node: String
    @OptionGroup var options: TopologyOptions
}

struct Resume: NodeCommand {
    static let configuration = CommandConfiguration(abstract: "Thaw a paused node with SIGCONT.")
    static let command = ControlRequest.Command.resume
    @Argument(help: "The node.") var node: String
    @OptionGroup var options: TopologyOptions
}
