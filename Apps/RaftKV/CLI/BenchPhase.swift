import Synchronization

/// One measured phase of `raftkv bench`: `clients` closed-loop clients, each sending one operation
/// after another (the next as soon as the previous one is answered) until `duration` has passed.
/// Keys are 8 bytes (`00000000` to `00009999`, picked at random), values 256 bytes, as in etcd's
/// published benchmark.
struct BenchPhase: Sendable {
    /// What every operation of the phase does.
    enum Kind: String, Sendable {
        case writes, reads
    }

    /// Keys drawn from; the write phase leaves almost all of them set for the reads.
    static let keySpace = 10_000
    /// Operations one client performs at most in a phase (a bound, not a target).
    static let maximumOperationsPerClient = 10_000_000
    /// The value every write stores.
    static let value = String(repeating: "0123456789abcdef", count: 16)

    var kind: Kind
    var clients: Int
    var duration: Duration

    /// What a phase measured.
    struct Sample: Sendable {
        /// The latency of every successful operation, in no particular order.
        var latencies: [Duration]
        /// Operations that failed.
        var errors: Int
        /// What went wrong first, if anything did.
        var firstError: String?
        /// From the first operation to the last answer.
        var elapsed: Duration
    }

    /// Counts shared by the clients, read once a second for progress.
    private final class Counters: Sendable {
        let done = Atomic<Int>(0)
        let errors = Atomic<Int>(0)
        let firstError = Mutex<String?>(nil)
    }

    /// Runs the phase with the clients `client(i)` made; `progress` is called once a second with the
    /// seconds elapsed, the operations done in that second, and the errors so far.
    func run(
        client: (Int) -> any BenchClient, progress: @escaping @Sendable (_ second: Int, _ rate: Int, _ errors: Int) -> Void
    ) async -> Sample {
        let counters = Counters()
        let start = ContinuousClock.now
        let deadline = start + self.duration
        let latencies = await withTaskGroup(of: [Duration].self) { group in
            for index in 0..<self.clients {
                let client = client(index)
                group.addTask { await self.drive(client, until: deadline, counters: counters) }
            }
            group.addTask {
                var second = 0
                var previous = 0
                while (try? await Task.sleep(until: start + .seconds(second + 1))) != nil, ContinuousClock.now < deadline {
                    second += 1
                    let done = counters.done.load(ordering: .relaxed)
                    progress(second, done - previous, counters.errors.load(ordering: .relaxed))
                    previous = done
                }
                return []
            }
            var all: [Duration] = []
            for await latencies in group { all += latencies }
            return all
        }
        return Sample(
            latencies: latencies, errors: counters.errors.load(ordering: .relaxed), firstError: counters.firstError.withLock { $0 },
            elapsed: .now - start)
    }

    /// One client's loop: operations back to back until `deadline`.
    private func drive(_ client: any BenchClient, until deadline: ContinuousClock.Instant, counters: Counters) async -> [Duration] {
        var latencies: [Duration] = []
        while ContinuousClock.now < deadline, latencies.count < Self.maximumOperationsPerClient {
            let key = Self.key(Int.random(in: 0..<Self.keySpace))
            let sent = ContinuousClock.now
            do {
                switch self.kind {
                case .writes: try await client.put(key: key, value: Self.value)
                case .reads: try await client.get(key: key)
                }
                latencies.append(.now - sent)
                counters.done.add(1, ordering: .relaxed)
            } catch {
                counters.errors.add(1, ordering: .relaxed)
                counters.firstError.withLock { $0 = $0 ?? "\(error)" }
                try? await Task.sleep(for: .milliseconds(50))  // a failing store is not hammered
            }
        }
        return latencies
    }

    /// Key number `n` as 8 digits.
    static func key(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
