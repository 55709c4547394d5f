import ArgumentParser
import Foundation
import TaskQueueService

/// `taskqueue bench`: drives a front door with many connections for a fixed time and reports
/// tasks per second and latency percentiles.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure tasks/s and latency of the front door under concurrent connections.",
        discussion: """
            Each connection sends submissions back to back: with --mode sync the reply comes when the
            task is done, so one request is one whole task (submit, lease, run, complete). Without
            --server, a server with 4 local workers runs in this process on a free port, over a queue
            in a temporary folder, durable as `taskqueue server` is (SQLite synchronous FULL).
            Prints progress every second, then a table; --json writes the same figures.
            """
    )

    /// The longest run accepted, in seconds.
    static let maximumDuration: Double = 120

    @Option(help: ArgumentHelp("Drive this front door instead of an in-process server.", valueName: "host:port"))
    var server: ServerAddress?

    @Option(help: "Concurrent connections, each with one request in flight.")
    var connections: Int = 32

    @Option(help: "Seconds of load (at most 120).")
    var duration: Double = 10

    @Option(help: "The op each task runs.")
    var op: String = "echo"

    @Option(help: "The data of each task.")
    var data: String = "hola mundo"

    @Option(help: "sync: wait for each task's result; async: only for its acceptance.")
    var mode: SubmitMode = .sync

    @Option(help: "Local workers of the in-process server.")
    var workers: Int = 4

    @Option(help: "Also write the report as JSON to this file.")
    var json: String?

    func validate() throws {
        guard (1...4096).contains(self.connections) else { throw ValidationError("--connections must be 1...4096") }
        guard self.duration > 0, self.duration <= Self.maximumDuration else {
            throw ValidationError("--duration must be more than 0 and at most \(Int(Self.maximumDuration)) seconds")
        }
        guard self.workers >= 1 else { throw ValidationError("--workers must be at least 1") }
    }

    func run() async throws {
        let report: BenchReport
        if let server = self.server {
            report = await self.measure(host: server.host, port: server.port, label: server.description)
        } else {
            report = try await self.measureInProcess()
        }
        print(report.table)
        if let path = self.json {
            try report.json().write(to: URL(fileURLWithPath: path))
        }
    }

    /// Starts a server in this process over a temporary queue, measures it, and removes the queue.
    private func measureInProcess() async throws -> BenchReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taskqueue-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workers = self.workers
        return try await QueueOptions.parse(["--data", folder]).withService(rules: TaskQueueCommand.rules) { service in
            try await withThrowingTaskGroup(of: BenchReport?.self) { group in
                let (ports, announce) = AsyncStream.makeStream(of: Int.self)
                group.addTask {
                    defer { announce.finish() }  // a server that fails to start ends the wait for its port
                    try await QueueServer.run(
                        service: service, host: "127.0.0.1", port: 0, workerPort: 0, workers: workers, idleTimeout: .seconds(300),
                        logTasks: false
                    ) { port, _ in announce.yield(port) }
                    return nil
                }
                guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
                print("taskqueue bench: in-process server on 127.0.0.1:\(port), \(workers) local workers, queue in \(folder)")
                let report = await self.measure(host: "127.0.0.1", port: port, label: "in-process")
                group.cancelAll()
                while (try? await group.next()) != nil {}
                return report
            }
        }
    }

    /// Runs the load against `host:port`, printing progress once a second.
    private func measure(host: String, port: Int, label: String) async -> BenchReport {
        let load = BenchLoad(
            host: host, port: port, connections: self.connections, duration: .milliseconds(Int64(self.duration * 1000)),
            op: self.op, data: self.data, mode: self.mode)
        print("taskqueue bench: \(load.connections) connections, \(load.mode.rawValue) \(load.op), \(self.duration) s")
        fflush(nil)
        let sample = await load.run { second, rate, tasks, errors in
            print(String(format: "%4d s  %8d tasks/s  %9d tasks  %d errors", second, rate, tasks, errors))
            fflush(nil)
        }
        return BenchReport(server: label, load: load, sample: sample)
    }
}

extension SubmitMode: ExpressibleByArgument {}
