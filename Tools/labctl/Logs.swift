import ArgumentParser
import Foundation
import LabControl

/// `labctl logs`: a node's output.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a node's output (stdout and stderr); -f keeps following it.")

    @Argument(help: "The node.")
    var node: String

    @Flag(name: .shortAndLong, help: "Keep printing new output until Ctrl-C.")
    var follow = false

    @Option(name: .shortAndLong, help: "How many of the last lines to print first.")
    var lines = 50

    @OptionGroup var options: TopologyOptions

    func run() async throws {
        do {
            let client = try self.options.client()
            let state = try client.lastState()
            guard let node = state.node(self.node) else {
                throw ControlError.unknownNode(self.node, known: state.nodes.map(\.name))
            }
            let file = URL(fileURLWithPath: node.logFile)
            for line in LogReader.lastLines(of: file, count: self.lines) { print(line) }
            if self.follow {
                fflush(nil)
                await LogReader.follow(file, from: LogReader.size(of: file)) { print($0); fflush(nil) }
            }
        } catch {
            throw fail(error)
        }
    }
}
