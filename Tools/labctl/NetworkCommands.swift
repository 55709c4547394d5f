import ArgumentParser
import Foundation
import LabControl

/// Sends `labctl ACTION WORDS...` as a network change to the running topology's supervisor and
/// prints what it did; the words are read by `FaultSyntax.change`, as in scenario files.
func sendNetworkChange(_ action: String, _ words: [String], with options: TopologyOptions) async throws {
    let change: NetworkChange
    do {
        change = try FaultSyntax.change(action, words)
    } catch {
        throw ValidationError(error.description)
    }
    do {
        let reply = try await options.client().send(ControlRequest(command: .network, network: change))
        guard reply.ok else { throw fail(reply.message ?? "the network change failed") }
        print(reply.message ?? "ok")
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw fail(error)
    }
}

struct Partition: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cut the network between groups of nodes (their connections stall, as in a real partition).",
        discussion: """
            Examples (quote the |):
              labctl partition "n1 | n2,n3"        n1 can neither reach nor be reached by n2 and n3
              labctl partition n1                  n1 against every other node
              labctl partition --one-way n1 -> n2  n1's bytes no longer reach n2; n2's still reach n1
            Only traffic through links ({{via.NODE.PORT}} in the manifest) is affected. `labctl heal` undoes it.
            """)
    @Flag(help: "Block one direction only: FROM -> TO.") var oneWay = false
    @Argument(help: "Node groups separated by |, or with --one-way: FROM -> TO.") var nodes: [String]
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        try await sendNetworkChange("partition", (self.oneWay ? ["--one-way"] : []) + self.nodes, with: self.options)
    }
}

struct Heal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make the network healthy again: every flow, or the ones given (n1->n2).")
    @Argument(help: "Flows to heal, e.g. n1->n2; none: all.") var flows: [String] = []
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        try await sendNetworkChange("heal", self.flows, with: self.options)
    }
}

struct Delay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add latency to a flow: labctl delay n1->n2 50ms±20ms (0ms removes it).")
    @Argument(help: "The flow, e.g. n1->n2 or n1,n2->n3.") var flow: String
    @Argument(help: "The delay, e.g. 50ms, 50ms±20ms, 0.2s.") var delay: String
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        try await sendNetworkChange("delay", [self.flow, self.delay], with: self.options)
    }
}

struct Drop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a flow lossy: labctl drop n1->n2 10% (each chunk has that chance to cut its TCP connection; 0% stops it).")
    @Argument(help: "The flow, e.g. n1->n2.") var flow: String
    @Argument(help: "The chance per chunk, e.g. 10%.") var percent: String
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        try await sendNetworkChange("drop", [self.flow, self.percent], with: self.options)
    }
}

struct Slow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Limit a flow's bandwidth: labctl slow n1->n2 1MB/s (off removes the limit).")
    @Argument(help: "The flow, e.g. n1->n2.") var flow: String
    @Argument(help: "The rate, e.g. 1MB/s, 500KB/s, off.") var rate: String
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        try await sendNetworkChange("slow", [self.flow, self.rate], with: self.options)
    }
}
