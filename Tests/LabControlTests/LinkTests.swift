import Foundation
import LabControl
import LabNet
import LabTestSupport
import NIOCore
import Synchronization
import Testing

/// Links: `{{via.node.port}}` routes a node's traffic through a proxy in labctl, on which
/// `labctl partition|heal|delay|drop` act. Node `b` is told `a`'s address through a link; the
/// test plays `b`, talking to that address.
@Suite("labctl links and network faults", .serialized)
struct LinkTests {
    static let manifest = """
        {"name": "linked", "nodes": [
          \(serveNode("a")),
          \(serveNode("b", args: ["--peer", "{{a.host}}:{{via.a.port}}"]))
        ]}
        """

    /// The port of the link b -> a.port.
    func linkPort(_ topology: Topology) throws -> Int {
        let links = try #require(try topology.state().links)
        #expect(links.count == 1)
        let link = try #require(links.first)
        #expect(link.link.from == "b" && link.link.to == "a" && link.link.port == "port")
        return link.link.listenPort
    }


    @Test func aLinkForwardsToTheNodeItNamesAndTheTemplateGivesItsPort() async throws {
        try await Topology(name: "linked", manifest: Self.manifest).run { topology in
            let port = try self.linkPort(topology)
            let told = try await topology.ask("b", "ping")
            #expect(told == "pong b boot 1 peer 127.0.0.1:\(port)")
            let reached = try await Self.ping(port)
            #expect(reached == "pong a boot 1 peer -")
            let status = try await topology.labctl("status")
            #expect(status.output.contains("b -> a.port"), "\(status.output)")
            #expect(status.output.contains("network: healthy"), "\(status.output)")
        }
    }

    @Test func aPartitionStallsTrafficUntilHealed() async throws {
        try await Topology(name: "linked", manifest: Self.manifest).run { topology in
            let port = try self.linkPort(topology)
            let partition = try await topology.labctl("partition", "b | a")
            #expect(partition.status == 0, "\(partition.transcript)")
            #expect(try topology.state().faults?.map(\.flow.description) == ["a->b", "b->a"])

            let reply = Mutex<String?>(nil)
            let request = Task {
                let line = try await Self.ping(port)
                reply.withLock { $0 = line }
            }
            // Blocked flows cannot deliver: nothing may come back while partitioned.
            try await Task.sleep(for: .milliseconds(300))
            #expect(reply.withLock { $0 } == nil)
            let heal = try await topology.labctl("heal")
            #expect(heal.status == 0, "\(heal.transcript)")
            try await request.value
            #expect(reply.withLock { $0 } == "pong a boot 1 peer -")
            #expect(try topology.state().faults == [])
        }
    }

    @Test func aDelayedFlowTakesAtLeastItsDelayAndALossyOneCutsConnections() async throws {
        try await Topology(name: "linked", manifest: Self.manifest).run { topology in
            let port = try self.linkPort(topology)
            let delay = try await topology.labctl("delay", "b->a", "300ms")
            #expect(delay.status == 0, "\(delay.transcript)")
            let start = ContinuousClock.now
            #expect(try await Self.ping(port) == "pong a boot 1 peer -")
            #expect(ContinuousClock.now - start >= .milliseconds(300))

            let drop = try await topology.labctl("drop", "b->a", "100%")
            #expect(drop.status == 0, "\(drop.transcript)")
            await #expect(throws: (any Error).self) { try await Self.ping(port) }
            let status = try await topology.labctl("status")
            #expect(status.output.contains("b->a: delay 300ms, drop 100%"), "\(status.output)")
        }
    }

    @Test func networkCommandsNameWhatIsWrong() async throws {
        try await Topology(name: "linked", manifest: Self.manifest).run { topology in
            let unknown = try await topology.labctl("partition", "b | zz")
            #expect(unknown.status != 0)
            #expect(unknown.transcript.contains("no node 'zz'"), "\(unknown.transcript)")
            let badDelay = try await topology.labctl("delay", "b->a", "fast")
            #expect(badDelay.status != 0)
            #expect(badDelay.transcript.contains("expected a delay like 50ms"), "\(badDelay.transcript)")
        }
        let plain = try Topology(name: "plain", manifest: #"{"name": "plain", "nodes": [\#(serveNode("a")), \#(serveNode("b"))]}"#)
        try await plain.run { topology in
            let refused = try await topology.labctl("partition", "a")
            #expect(refused.status != 0)
            #expect(refused.transcript.contains("declares no links"), "\(refused.transcript)")
        }
    }

    static func ping(_ port: Int) async throws -> String {
        try await LineClient.withConnection(host: "127.0.0.1", port: port, connector: TCPConnector(retry: .once)) { client in
            String(buffer: try await client.request(ByteBuffer(string: "ping")))
        }
    }
}

@Suite("fault syntax")
struct FaultSyntaxTests {
    @Test func groupsFlowsDelaysPercentagesAndRates() throws {
        #expect(try FaultSyntax.groups(["n1,n2", "|", "n3"]) == [["n1", "n2"], ["n3"]])
        #expect(try FaultSyntax.groups(["n1 | n2,n3"]) == [["n1"], ["n2", "n3"]])
        #expect(try FaultSyntax.groups(["n1"]) == [["n1"]])
        #expect(try FaultSyntax.flows("n1,n2->n3") == [Flow(from: "n1", to: "n3"), Flow(from: "n2", to: "n3")])
        #expect(try FaultSyntax.delay("50ms±20ms") == (50, 20))
        #expect(try FaultSyntax.delay("0.2s") == (200, 0))
        #expect(try FaultSyntax.delay("50ms+-10ms") == (50, 10))
        #expect(try FaultSyntax.percent("10%") == 10)
        #expect(try FaultSyntax.rate("1MB/s") == 1_000_000)
        #expect(try FaultSyntax.rate("off") == nil)
    }

    @Test func wholeCommandsReadAsTheCommandLineAndScenariosWriteThem() throws {
        #expect(try FaultSyntax.change("partition", ["n1 | n2,n3"]) == .partition(groups: [["n1"], ["n2", "n3"]]))
        #expect(try FaultSyntax.change("partition", ["--one-way", "n1", "->", "n2"]) == .oneWay(from: ["n1"], to: ["n2"]))
        #expect(try FaultSyntax.change("heal", []) == .heal(flows: []))
        #expect(try FaultSyntax.change("delay", ["n1->n2", "50ms±20ms"]) == .delay(flows: [Flow(from: "n1", to: "n2")], milliseconds: 50, jitter: 20))
        #expect(try FaultSyntax.change("slow", ["n1->n2", "off"]) == .slow(flows: [Flow(from: "n1", to: "n2")], bytesPerSecond: nil))
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.change("drop", ["n1->n2"]) }
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.change("explode", []) }
    }

    @Test func mistakesAreExplained() {
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.groups(["n1 |"]) }
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.flows("n1-n2") }
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.flows("n1->n1") }
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.delay("10ms±20ms") }
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.percent("150%") }
        #expect(throws: FaultSyntaxError.self) { try FaultSyntax.rate("fast") }
    }
}
