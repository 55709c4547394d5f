import ArgumentParser
import Foundation
import LabControl

/// Sends a network change to the running topology's supervisor and prints what it did.
func send(_ change: NetworkChange, with options: TopologyOptions) async throws {
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

/// Joins arguments such as `n1 -> n2` or `n1->n2` into one flow expression.
private func flowText(_ arguments: [String]) -> String { arguments.joined() }

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
        do {
            if self.oneWay {
                let flows = try FaultSyntax.flows(flowText(self.nodes))
                try await send(.oneWay(from: Array(Set(flows.map(\.from))).sorted(), to: Array(Set(flows.map(\.to))).sorted()), with: self.options)
            } else {
                try await send(.partition(groups: try FaultSyntax.groups(self.nodes)), with: self.options)
            }
        } catch let error as FaultSyntaxError {
            throw ValidationError(error.description)
        }
    }
}

struct Heal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make the network healthy again: every flow, or the ones given (n1->n2).")
    @Argument(help: "Flows to heal, e.g. n1->n2; none: all.") var flows: [String] = []
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        do {
            try await send(.heal(flows: try self.flows.flatMap { text throws(FaultSyntaxError) in try FaultSyntax.flows(text) }), with: self.options)
        } catch let error as FaultSyntaxError {
            throw ValidationError(error.description)
        }
    }
}

struct Delay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add latency to a flow: labctl delay n1->n2 50ms±20ms (0ms removes it).")
    @Argument(help: "The flow, e.g. n1->n2 or n1,n2->n3.") var flow: String
    @Argument(help: "The delay, e.g. 50ms, 50ms±20ms, 0.2s.") var delay: String
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        do {
            let (milliseconds, jitter) = try FaultSyntax.delay(self.delay)
            try await send(.delay(flows: try FaultSyntax.flows(self.flow), milliseconds: milliseconds, jitter: jitter), with: self.options)
        } catch let error as FaultSyntaxError {
            throw ValidationError(error.description)
        }
    }
}

struct Drop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a flow lossy: labctl drop n1->n2 10% (each chunk has that chance to cut its TCP connection; 0% stops it).")
    @Argument(help: "The flow, e.g. n1->n2.") var flow: String
    @Argument(help: "The chance per chunk, e.g. 10%.") var percent: String
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        do {
            try await send(.drop(flows: try FaultSyntax.flows(self.flow), percent: try FaultSyntax.percent(self.percent)), with: self.options)
        } catch let error as FaultSyntaxError {
            throw ValidationError(error.description)
        }
    }
}

struct Slow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Limit a flow's bandwidth: labctl slow n1->n2 1MB/s (off removes the limit).")
    @Argument(help: "The flow, e.g. n1->n2.") var flow: String
    @Argument(help: "The rate, e.g. 1MB/s, 500KB/s, off.") var rate: String
    @OptionGroup var options: TopologyOptions

    func run() async throws {
        do {
            try await send(.slow(flows: try FaultSyntax.flows(self.flow), bytesPerSecond: try FaultSyntax.rate(self.rate)), with: self.options)
        } catch let error as FaultSyntaxError {
            throw ValidationError(error.description)
        }
    }
}
