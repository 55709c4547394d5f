import Foundation
import LabControl
import LabNet
import LabTestSupport
import Testing

@Suite("labctl with real processes")
struct LauncherTests {
    @Test func startsNodesInDependencyOrderWithResolvedPorts() async throws {
        let topology = try Topology(name: "order", manifest: """
            {"name": "order", "nodes": [
              \(serveNode("api", extra: #", "dependsOn": ["store"]"#, args: ["--peer", "{{store.host}}:{{store.port}}"])),
              \(serveNode("store")),
              {"name": "worker", "command": "labtestnode", "args": ["serve", "--name", "worker"],
               "ready": {"log": "listening on"}, "dependsOn": ["api"]}
            ]}
            """)
        try await topology.run { topology async throws in
            let state = try topology.state()
            #expect(state.phase == .running)
            #expect(state.nodes.map(\.phase) == [.ready, .ready, .ready])
            let storePort = try #require(try topology.node("store").ports["port"])
            let apiPort = try #require(try topology.node("api").ports["port"])
            #expect(storePort != apiPort)
            #expect(try await topology.ask("api", "ping") == "pong api boot 1 peer 127.0.0.1:\(storePort)")
            let log = topology.supervisorLog
            let storeReady = try #require(log.range(of: "store: ready"))
            let apiStarted = try #require(log.range(of: "api: started"))
            let apiReady = try #require(log.range(of: "api: ready"))
            let workerStarted = try #require(log.range(of: "worker: started"))
            #expect(storeReady.lowerBound < apiStarted.lowerBound, "\(log)")
            #expect(apiReady.lowerBound < workerStarted.lowerBound, "\(log)")
        }
    }

    @Test func aCrashIsDetectedAndRestartedWithItsDataAndPort() async throws {
        let topology = try Topology(name: "crash", manifest: """
            {"name": "crash", "nodes": [
              \(serveNode("store", extra: #", "restart": {"policy": "on-failure", "maxRestarts": 2}"#)),
              \(serveNode("once"))
            ]}
            """)
        try await topology.run { topology async throws in
            let before = try topology.node("store")
            kill(try #require(before.pid), SIGKILL)  // a crash from outside labctl
            try await eventually("store restarted and ready") {
                let node = try topology.node("store")
                return node.restarts == 1 && node.phase == .ready && node.pid != before.pid
            }
            let after = try topology.node("store")
            #expect(after.lastExit == "killed by signal 9 (SIGKILL)")
            #expect(after.ports == before.ports)
            #expect(try await topology.ask("store", "ping") == "pong store boot 2 peer -")

            _ = try? await topology.ask("once", "exit 3")  // restart policy "never"
            try await eventually("once exited") { try topology.node("once").phase == .exited }
            #expect(try topology.node("once").lastExit == "exited with code 3")
            #expect(try topology.node("once").restarts == 0)
        }
    }

    @Test func killStopAndRestartCommandsKeepTheNodeDownUntilRestarted() async throws {
        let topology = try Topology(name: "commands", manifest: """
            {"name": "commands", "nodes": [\(serveNode("store", extra: #", "restart": {"policy": "always"}"#))]}
            """)
        try await topology.run { topology async throws in
            let first = try #require(try topology.node("store").pid)
            let kill = try await topology.labctl("kill", "store")
            #expect(kill.status == 0, "\(kill.transcript)")
            #expect(try topology.node("store").phase == .stopped)
            #expect(!isAlive(first))
            #expect(try topology.node("store").restarts == 0, "a kill by labctl is not a crash to restart")

            let restart = try await topology.labctl("restart", "store")
            #expect(restart.status == 0, "\(restart.transcript)")
            #expect(try topology.node("store").phase == .ready)
            #expect(try await topology.ask("store", "ping") == "pong store boot 2 peer -")

            #expect(try await topology.labctl("stop", "store").status == 0)
            #expect(try topology.node("store").phase == .stopped)
            #expect(try topology.node("store").lastExit == "killed by signal 15 (SIGTERM)")

            let unknown = try await topology.labctl("kill", "nosuch")
            #expect(unknown.status != 0)
            #expect(unknown.errorOutput.contains("no node named 'nosuch'"))
        }
    }

    @Test func pauseStopsTheProcessAndResumeContinuesIt() async throws {
        let topology = try Topology(name: "pause", manifest: #"{"name": "pause", "nodes": [\#(serveNode("store"))]}"#)
        try await topology.run { topology async throws in
            let pid = try #require(try topology.node("store").pid)
            #expect(try await topology.labctl("pause", "store").status == 0)
            #expect(try topology.node("store").phase == .paused)
            try await eventually("process stopped") { processState(pid) == "T" }
            #expect(try await topology.labctl("resume", "store").status == 0)
            try await eventually("process running again") { processState(pid) != "T" }
            #expect(try await topology.ask("store", "ping") == "pong store boot 1 peer -")
        }
    }

    @Test func aNodeIgnoringSIGTERMIsKilledAfterItsGracePeriod() async throws {
        let topology = try Topology(name: "stubborn", manifest: """
            {"name": "stubborn", "nodes": [\(serveNode("store", extra: #", "stopGracePeriod": 0.3"#, args: ["--ignore-sigterm"]))]}
            """)
        try await topology.run { topology async throws in
            #expect(try await topology.labctl("stop", "store").status == 0)
            #expect(try topology.node("store").lastExit == "killed by signal 9 (SIGKILL)")
            #expect(topology.supervisorLog.contains("sending SIGKILL"))
        }
    }

    @Test func downLeavesNoProcessBehindAndKeepsData() async throws {
        let topology = try Topology(name: "down", manifest: """
            {"name": "down", "nodes": [\(serveNode("a")), \(serveNode("b", extra: #", "dependsOn": ["a"]"#))]}
            """)
        var pids: [Int32] = []
        try await topology.run { topology async throws in
            let state = try topology.state()
            pids = state.nodes.compactMap(\.pid) + [state.supervisorPID]
            #expect(pids.count == 3)
            #expect(pids.allSatisfy(isAlive))
        }
        try await eventually("every process gone") { !pids.contains(where: isAlive) }
        #expect(try topology.state().phase == .down)
        let boots = try String(contentsOf: topology.runDirectory.dataDirectory("a").appendingPathComponent("boots"), encoding: .utf8)
        #expect(boots == "1")
        let log = topology.supervisorLog
        #expect(try #require(log.range(of: "b: stopped")).lowerBound < (try #require(log.range(of: "a: stopped"))).lowerBound, "dependents stop first")
    }

    @Test func aNodeThatFailsToStartFailsTheTopologyWithItsOutput() async throws {
        let topology = try Topology(name: "broken", manifest: """
            {"name": "broken", "nodes": [
              \(serveNode("good")),
              \(serveNode("bad", extra: #", "dependsOn": ["good"]"#, args: ["--fail-start", "3"]))
            ]}
            """)
        let up = try await topology.labctl("up", "--detach", topology.manifestPath)
        #expect(up.status != 0)
        #expect(up.output.contains("bad did not become ready"), "\(up.transcript)")
        #expect(up.output.contains("fatal: asked to fail at start-up with code 3"), "\(up.transcript)")
        let state = try topology.state()
        #expect(state.phase == .failed)
        let good = try #require(state.node("good"))
        #expect(good.phase == .stopped)
        try await eventually("supervisor gone") { !isAlive(state.supervisorPID) }
    }

    @Test func anInvalidManifestStartsNothing() async throws {
        let topology = try Topology(name: "invalid", manifest: #"{"name": "invalid", "nodes": [{"name": "a", "command": "labtestnode", "dependsOn": ["b"]}]}"#)
        let up = try await topology.labctl("up", topology.manifestPath)
        #expect(up.status == 2)
        #expect(up.errorOutput.contains("$.nodes[0].dependsOn[0]: no node is named 'b'"), "\(up.transcript)")
        #expect(!FileManager.default.fileExists(atPath: topology.runDirectory.stateFile.path))
    }

    @Test func anHTTPProbeWaitsForARealHTTPServer() async throws {
        let topology = try Topology(name: "http", manifest: """
            {"name": "http", "nodes": [{"name": "web", "command": "/usr/bin/env",
              "args": ["python3", "-m", "http.server", "{{self.port}}", "--bind", "127.0.0.1", "--directory", "{{self.dataDir}}"],
              "ports": {"port": "auto"}, "ready": {"http": {"port": "port", "path": "/"}}}]}
            """)
        try await topology.run { topology async throws in
            #expect(try topology.node("web").phase == .ready)
            #expect(topology.supervisorLog.contains("web: ready"))
        }
    }

    @Test func aGRPCProbeWaitsForTheHealthService() async throws {
        let topology = try Topology(name: "grpc", manifest: """
            {"name": "grpc", "nodes": [{"name": "rpc", "command": "labtestnode",
              "args": ["serve-grpc", "--port", "{{self.port}}"],
              "ports": {"port": "auto"}, "ready": {"grpc": {"port": "port"}}}]}
            """)
        try await topology.run { topology async throws in
            let node = try topology.node("rpc")
            #expect(node.phase == .ready)
            #expect(topology.supervisorLog.contains("rpc: ready"))
            let port = try #require(node.ports["port"])
            // The suite runs many processes at once: a generous deadline, unlike the probe's 1 s.
            #expect(try await checkHealth(host: "127.0.0.1", port: port, timeout: .seconds(10)) == .serving)
        }
    }
}
