import ArgumentParser
import Foundation
import TaskQueueCore
import TaskQueueService

/// `taskqueue check`: after a workload, every accepted task must end with exactly one correct
/// result (or dead, for tasks that really fail), with its result document, and none stuck.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a workload's ledger: every task done once with the right result, fail tasks dead, nothing stuck.",
        discussion: """
            Waits (at most --timeout seconds) until every task in the ledger is done or dead, then checks: one task id per idempotency key; done tasks have the result their operation gives and a result document holding it; only `fail` tasks are dead; the queue has nothing leased. Exit 0 if all holds, 1 if not.

            Example:
              taskqueue check --server 127.0.0.1:5001 --ledger tasks.jsonl
            """
    )

    @OptionGroup var connection: ClientOptions
    @Option(help: "The ledger written by `taskqueue workload`.") var ledger: String
    @Option(help: "Seconds to wait for unfinished tasks.") var timeout = 90.0
    @Option(help: "The server's --data folder, to read the result documents (objects/results/ID.json).") var data: String

    func run() async throws {
        let entries = try LedgerEntry.read(self.ledger)
        let client = self.connection.client
        var problems: [String] = []
        if Set(entries.map(\.id)).count != entries.count || Set(entries.map(\.key)).count != entries.count {
            problems.append("some idempotency key got two task ids, or two keys one id")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(self.timeout * 1_000))
        var done = 0, dead = 0
        for entry in entries {
            var status = try await client.send(.status(id: entry.id)).reply
            while status.state != .done && status.state != .dead && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                status = try await client.send(.status(id: entry.id)).reply
            }
            let result = try await client.send(.result(id: entry.id)).reply
            if let problem = try await Self.problem(with: entry, state: status.state, result: result, data: self.data) {
                problems.append(problem)
            } else if status.state == .done {
                done += 1
            } else {
                dead += 1
            }
        }
        if let stats = try await client.send(.stats).reply.stats, stats.leased > 0 {
            problems.append("\(stats.leased) task(s) still leased at the end")
        }
        for problem in problems.prefix(20) { print("  \(problem)") }
        if problems.isEmpty {
            print("verdict: every accepted task has exactly one correct result (\(entries.count) tasks: \(done) done, \(dead) dead as asked)")
        } else {
            print("verdict: FAIL: \(problems.count) problem(s) in \(entries.count) tasks")
            throw ExitCode(1)
        }
    }

    /// What is wrong with one task's outcome, or nil.
    private static func problem(with entry: LedgerEntry, state: TaskState?, result reply: FrontDoorReply, data: String) async throws -> String? {
        let name = "task \(entry.id) (\(entry.op) \(entry.data.debugDescription))"
        if entry.op == FailOperation.name {
            return state == .dead ? nil : "\(name) should be dead, is \(state?.rawValue ?? "unknown")"
        }
        guard state == .done else { return "\(name) is \(state?.rawValue ?? "unknown"), not done: \(reply.message ?? "")" }
        let expected = entry.op == SleepOperation.name
            ? "slept \(entry.data) ms" : try await OperationRegistry.standard.operation(named: entry.op)?.run(entry.data)
        guard reply.result == expected else { return "\(name) has result \(reply.result.debugDescription), expected \(expected.debugDescription)" }
        guard let artifact = reply.artifact, let document = FileManager.default.contents(atPath: "\(data)/objects/\(artifact)"),
              String(decoding: document, as: UTF8.self).contains(entry.id) else {
            return "\(name) has no result document holding it (artifact \(reply.artifact ?? "none"))"
        }
        return nil
    }
}
