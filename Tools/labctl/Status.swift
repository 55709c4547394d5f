import ArgumentParser
import Foundation
import LabControl

/// `labctl status`: the nodes of a topology with their state, pids and ports.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show each node's state, pid, ports, restarts and last exit.")

    @Flag(help: "Print the state as JSON (the same document as state.json).")
    var json = false

    @OptionGroup var options: TopologyOptions

    func run() async throws {
        do {
            let client = try self.options.client()
            let live = try? await client.send(ControlRequest(command: .status)).state
            let state = try live ?? client.lastState()
            if self.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(state), as: UTF8.self))
            } else {
                print(StatusTable.render(state))
            }
        } catch {
            throw fail(error)
        }
    }
}
