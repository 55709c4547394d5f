import ArgumentParser
import Foundation
import LabRandom
import TaskQueueCore
import TaskQueueService

/// `taskqueue workload`: submitters that keep the queue busy for a while and write down every
/// task the server accepted, for `taskqueue check` (what `labctl run` scenarios drive).
struct WorkloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload",
        abstract: "Submit a mix of tasks for a while and record every accepted one (JSON Lines ledger).",
        discussion: """
            Each submitter sends uppercase, hash, echo, sleep (100-400 ms, so that a killed worker dies mid-task) and, one time in twenty, fail tasks, each with its own idempotency key and "mode":"async". A submission the server does not answer (it was killed or restarted) is sent again with the same key until it is accepted, so it can never run twice. Check the outcome with `taskqueue check --ledger FILE`.

            Example:
              taskqueue workload --server 127.0.0.1:5001 --duration 10 --ledger tasks.jsonl
            """
    )

    @OptionGroup var connection: ClientOptions
    @Option(help: "Concurrent submitters.") var clients = 4
    @Option(help: "Seconds to submit for.") var duration = 10.0
    @Option(help: "Tasks per second per submitter, at most.") var rate = 20.0
    @Option(help: "Seed of the submitters' choices (default: random).") var seed: UInt64?
    @Option(help: "Where to write the accepted tasks (JSON Lines).") var ledger: String
    @Option(help: "Also write each submission's latency as CSV (seconds,milliseconds,outcome), for labctl run.") var latencies: String?

    func run() async throws {
        let seed = self.seed ?? UInt64.random(in: 0...UInt64.max)
        let client = self.connection.client
        let (clients, duration, rate) = (self.clients, self.duration, self.rate)
        FileManager.default.createFile(atPath: self.ledger, contents: nil)
        let ledger = try FileHandle(forWritingTo: URL(fileURLWithPath: self.ledger))
        let writes = LedgerWriter(handle: ledger)
        let start = ContinuousClock.now
        let latencyLog = try self.latencies.map { path in
            FileManager.default.createFile(atPath: path, contents: nil)
            return LatencyWriter(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)), start: start)
        }
        print("taskqueue workload: \(clients) submitter(s) for \(duration) s, seed \(seed)")
        fflush(nil)
        let end = ContinuousClock.now + .milliseconds(Int(duration * 1_000))
        let (accepted, resubmitted) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for submitter in 0..<clients {
                group.addTask {
                    var random = SplitMix64(seed: seed &+ UInt64(submitter))
                    var (count, resent) = (0, 0)
                    while ContinuousClock.now < end {
                        let (op, data) = Self.pick(&random)
                        let key = "wl-\(seed)-\(submitter)-\(count)"
                        let submission = TaskSubmission(op: op, data: data, key: key)
                        let sent = ContinuousClock.now
                        guard let (id, attempts) = try await Self.submit(submission, with: client, until: end + .seconds(20)) else {
                            latencyLog?.record(sent: sent, ok: false)
                            break
                        }
                        latencyLog?.record(sent: sent, ok: true)
                        writes.append(LedgerEntry(key: key, id: id, op: op, data: data))
                        count += 1
                        resent += attempts - 1
                        try await Task.sleep(for: .milliseconds(Int(1_000 / rate)))
                    }
                    return (count, resent)
                }
            }
            return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        print("taskqueue workload: \(accepted) tasks accepted, \(resubmitted) submission(s) sent again after no answer; ledger in \(self.ledger)")
    }

    private static func pick(_ random: inout SplitMix64) -> (String, String) {
        let word = "task-\(random.next() % 100_000)"
        switch random.next() % 20 {
        case 0: return (FailOperation.name, "asked to fail")
        case 1...4: return (SleepOperation.name, String(100 + random.next() % 300))
        case 5...9: return (HashOperation.name, word)
        case 10...14: return (EchoOperation.name, word)
        default: return (UppercaseOperation.name, word)
        }
    }

    /// Submits until the server accepts (same key every time); returns the id and how many sends
    /// it took, or nil if `deadline` passes first.
    private static func submit(_ submission: TaskSubmission, with client: FrontDoorClient, until deadline: ContinuousClock.Instant) async throws -> (String, Int)? {
        var attempts = 0
        while ContinuousClock.now < deadline {
            attempts += 1
            if let reply = try? await client.send(.submit(submission, mode: .async)).reply, reply.status != .error, let id = reply.id {
                return (id, attempts)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
