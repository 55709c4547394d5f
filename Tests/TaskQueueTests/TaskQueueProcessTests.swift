import Foundation
import LabTestSupport
import Testing

/// The task queue as real processes under labctl: crashes of workers and of the server.
@Suite("taskqueue processes")
struct TaskQueueProcessTests {
    /// A server without a local pool and `workers` worker processes, on OS-chosen ports.
    static func manifest(name: String, workers: [String], store: QueueUnderTest, localPool: Int = 0, visibilityTimeout: Double = 1) -> String {
        let workerNodes = workers.map { worker in
            #"{"name": "\#(worker)", "command": "taskqueue", "args": ["worker", "--server", "{{server.host}}:{{server.workers}}", "--concurrency", "1", "--name", "\#(worker)"], "ready": {"log": "connected"}, "dependsOn": ["server"]}"#
        }
        let server = #"{"name": "server", "command": "taskqueue", "args": ["server", "--port", "{{self.port}}", "--worker-port", "{{self.workers}}", "--workers", "\#(localPool)", "--visibility-timeout", "\#(visibilityTimeout)", "--retry-delay", "0.1", "--data", "{{self.dataDir}}"\#(store.serverArguments)], "ports": {"port": "auto", "workers": "auto"}, "ready": {"grpc": {"port": "workers"}}}"#
        return #"{"name": "\#(name)", "nodes": [\#(([server] + workerNodes).joined(separator: ", "))]}"#
    }

    /// Sends one request line to the server's front door and decodes the reply object.
    static func request(_ topology: Topology, _ json: String) async throws -> [String: Any] {
        let reply = try await topology.ask("server", json)
        return try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] ?? [:]
    }

    @Test(arguments: StoreBackend.available)
    func aWorkerKilledMidTaskLosesItsLeaseAndAnotherFinishesIt(backend: StoreBackend) async throws {
      try await QueueUnderTest.with(backend) { store in
        let topology = try Topology(name: "tq-worker-crash", manifest: Self.manifest(name: "tq-worker-crash", workers: ["worker-a", "worker-b"], store: store))
        // The task sleeps long enough that a test slowed down by a loaded machine still sees it leased.
        try await HeavyTestGate.shared.run { try await topology.run { topology async throws in
            let accepted = try await Self.request(topology, #"{"op":"sleep","data":"5000","mode":"async"}"#)
            let id = try #require(accepted["id"] as? String)
            var holder = ""
            try await eventually("the task is leased") {
                let status = try await Self.request(topology, #"{"cmd":"status","id":"\#(id)"}"#)
                holder = status["worker"] as? String ?? ""
                return status["state"] as? String == "leased" && !holder.isEmpty
            }
            let victim = holder.hasPrefix("worker-a") ? "worker-a" : "worker-b"
            let kill = try await topology.labctl("kill", victim)
            #expect(kill.status == 0, "\(kill.transcript)")
            var final: [String: Any] = [:]
            try await eventually("another worker finished the task", timeout: .seconds(30)) {
                final = try await Self.request(topology, #"{"cmd":"status","id":"\#(id)"}"#)
                return final["state"] as? String == "done"
            }
            let result = try await Self.request(topology, #"{"cmd":"result","id":"\#(id)"}"#)
            #expect(result["result"] as? String == "slept 5000 ms")
            #expect((result["worker"] as? String)?.hasPrefix(victim) == false, "\(result)")
            // At least the killed attempt and the one that finished; a loaded machine may let the
            // survivor's lease lapse once more, which costs an attempt but never a second result.
            #expect((result["attempts"] as? Int ?? 0) >= 2, "\(result)")
            #expect(try await store.resultRows(topology, id) == 1)
        } }
      }
    }

    @Test(arguments: StoreBackend.available)
    func everyAcceptedTaskCompletesAfterTheServerIsKilledAndRestarted(backend: StoreBackend) async throws {
      try await QueueUnderTest.with(backend) { store in
        let topology = try Topology(name: "tq-server-crash", manifest: Self.manifest(name: "tq-server-crash", workers: [], store: store, localPool: 2))
        try await HeavyTestGate.shared.run { try await topology.run { topology async throws in
            var ids: [String] = []
            for index in 0..<6 {
                let accepted = try await Self.request(topology, #"{"op":"sleep","data":"\#(200 + index * 50)","mode":"async"}"#)
                ids.append(try #require(accepted["id"] as? String, "\(accepted)"))
            }
            #expect(try await topology.labctl("kill", "server").status == 0)
            let restart = try await topology.labctl("restart", "server")
            #expect(restart.status == 0, "\(restart.transcript)")
            for id in ids {
                try await eventually("task \(id) done after the restart", timeout: .seconds(30)) {
                    let status = try await Self.request(topology, #"{"cmd":"status","id":"\#(id)"}"#)
                    return status["state"] as? String == "done"
                }
                #expect(try await store.resultRows(topology, id) == 1)
            }
        } }
      }
    }
}
