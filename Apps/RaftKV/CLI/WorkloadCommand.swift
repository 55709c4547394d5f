import ArgumentParser
import Foundation
import LabCheck
import LabNet
import RaftKVWorkload

/// `raftkv workload`: closed-loop clients against a running cluster for a while, every operation
/// recorded in a history file for `raftkv check` (what `labctl run` scenarios drive).
struct WorkloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload",
        abstract: "Run random get/put/append/cas clients for a while and write their history (JSON Lines).",
        discussion: """
            Each client runs one operation at a time on keys a, b and c, retrying through elections; an operation whose outcome is unknown (a write that timed out) is recorded as such. At the end every key is read back, so a lost acknowledged write shows up. Check the history with `raftkv check --history FILE`.

            --stale-reads makes client i read from member i (mod n) out of its local state, without ReadIndex: the history is then usually not linearizable once a member falls behind (partition one), and the checker says so.

            Example:
              raftkv workload --server 127.0.0.1:8001 --server 127.0.0.1:8002 --server 127.0.0.1:8003 --duration 10 --history h.jsonl
            """
    )

    @Option(name: .customLong("server"), help: "A member's client address, HOST:PORT (repeat for each member).")
    var servers: [HostAndPortArgument]

    @Option(help: "Concurrent clients.") var clients = 3
    @Option(help: "Seconds to run.") var duration = 10.0
    @Option(help: "Seed of the clients' choices (printed; default: random).") var seed: UInt64?
    @Option(help: "Where to write the history (JSON Lines).") var history: String
    @Option(help: "Also write each operation's latency as CSV (seconds,milliseconds,outcome), for labctl run.") var latencies: String?
    @Flag(help: "Read from one member's local state, without ReadIndex (a deliberately broken setting).") var staleReads = false

    func validate() throws {
        guard !self.servers.isEmpty else { throw ValidationError("give every member with --server HOST:PORT") }
        guard (1...64).contains(self.clients) else { throw ValidationError("--clients must be between 1 and 64") }
        guard self.duration > 0, self.duration <= 3_600 else { throw ValidationError("--duration must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        let seed = self.seed ?? UInt64.random(in: 0...UInt64.max)
        var configured = KVWorkload(endpoints: self.servers.map(\.value), seed: seed)
        configured.staleReads = self.staleReads
        let workload = configured
        let clients = self.clients
        let duration = self.duration
        let recorder = SharedHistoryRecorder()
        let stop = StopFlag()
        print("raftkv workload: \(self.clients) client(s) for \(self.duration) s, seed \(seed)\(self.staleReads ? ", STALE reads" : "")")
        fflush(nil)
        let completed = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask { try await workload.run(client: client, recorder: recorder, until: stop) }
            }
            try await Task.sleep(for: .milliseconds(Int(duration * 1_000)))
            stop.raise()
            return try await group.reduce(0, +)
        }
        try await workload.readBack(recorder: recorder)
        let history = recorder.history
        try history.write(to: URL(fileURLWithPath: self.history))
        let operations = try history.operations()
        if let path = self.latencies {
            // The clients' operations, not the final read-back (processes 100 and up).
            let lines = operations.filter { $0.process < 100 }.compactMap { operation in
                operation.completeTime.map { complete in
                    let outcome = switch operation.outcome {
                    case .ok: "ok"
                    case .fail: "fail"
                    default: "unknown"
                    }
                    return String(format: "%.4f,%.3f,%@\n", Double(operation.invokeTime) / 1e9, Double(complete - operation.invokeTime) / 1e6, outcome)
                }
            }
            try lines.joined().write(toFile: path, atomically: true, encoding: .utf8)
        }
        let failed = operations.filter { $0.outcome == .fail }.count
        let unknown = operations.filter { $0.outcome == .info }.count
        print("raftkv workload: \(completed) operations ok, \(failed) failed, \(unknown) unknown; history in \(self.history)")
    }
}
