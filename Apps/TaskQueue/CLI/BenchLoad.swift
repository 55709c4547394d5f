import LabNet
import Synchronization
import TaskQueueCore
import TaskQueueService

/// The load `taskqueue bench` puts on a front door: `connections` connections, each sending one
/// submission after another (the next as soon as the reply to the previous one arrives) until
/// `duration` has passed.
struct BenchLoad: Sendable {
    var host: String
    var port: Int
    var connections: Int
    var duration: Duration
    var op: String
    var data: String
    var mode: SubmitMode

    /// What a run measured.
    struct Sample: Sendable {
        /// The latency of every successful request, in no particular order.
        var latencies: [Duration]
        /// Requests that got an error reply or none (a failed connection counts once).
        var errors: Int
        /// From the first request to the last reply.
        var elapsed: Duration
    }

    /// Counts shared by the connections, read once a second for progress.
    private final class Counters: Sendable {
        let tasks = Atomic<Int>(0)
        let errors = Atomic<Int>(0)
    }

    /// Runs the load; `progress` is called once a second with the seconds elapsed, the tasks done
    /// in that second, and the totals of tasks and errors so far.
    func run(progress: @escaping @Sendable (_ second: Int, _ rate: Int, _ tasks: Int, _ errors: Int) -> Void) async -> Sample {
        let counters = Counters()
        let start = ContinuousClock.now
        let deadline = start + self.duration
        let latencies = await withTaskGroup(of: [Duration].self) { group in
            for _ in 0..<self.connections {
                group.addTask { await self.drive(until: deadline, counters: counters) }
            }
            group.addTask {
                var second = 0
                var previous = 0
                while (try? await Task.sleep(until: start + .seconds(second + 1))) != nil, ContinuousClock.now < deadline {
                    second += 1
                    let tasks = counters.tasks.load(ordering: .relaxed)
                    progress(second, tasks - previous, tasks, counters.errors.load(ordering: .relaxed))
                    previous = tasks
                }
                return []
            }
            var all: [Duration] = []
            for await latencies in group { all += latencies }
            return all
        }
        return Sample(latencies: latencies, errors: counters.errors.load(ordering: .relaxed), elapsed: .now - start)
    }

    /// One connection's loop: requests back to back until `deadline`; reconnects after a failure.
    private func drive(until deadline: ContinuousClock.Instant, counters: Counters) async -> [Duration] {
        let request = FrontDoorRequest.submit(TaskSubmission(op: self.op, data: self.data), mode: self.mode)
        let expected: FrontDoorReply.Status = self.mode == .sync ? .ok : .accepted
        var latencies: [Duration] = []
        while ContinuousClock.now < deadline {
            do {
                try await LineClient.withConnection(host: self.host, port: self.port) { client in
                    while ContinuousClock.now < deadline {
                        let sent = ContinuousClock.now
                        let reply = try await client.request(request, expecting: FrontDoorReply.self)
                        if reply.status == expected {
                            latencies.append(.now - sent)
                            counters.tasks.add(1, ordering: .relaxed)
                        } else {
                            counters.errors.add(1, ordering: .relaxed)
                        }
                    }
                }
            } catch {
                counters.errors.add(1, ordering: .relaxed)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        return latencies
    }
}
