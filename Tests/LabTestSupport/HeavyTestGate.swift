/// Lets one heavy real-process test — a whole topology under load, a scenario — run at a time in
/// the test process. Swift Testing runs suites in parallel; on 2 cores several such tests at once
/// starve each other and every other test of CPU, until deadlines that are generous for one run
/// expire. Tests that start a topology with a workload take a slot for their duration.
public actor HeavyTestGate {
    public static let shared = HeavyTestGate()

    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    private func acquire() async {
        guard self.busy else {
            self.busy = true
            return
        }
        await withCheckedContinuation { self.waiters.append($0) }
    }

    private func release() {
        if self.waiters.isEmpty {
            self.busy = false
        } else {
            self.waiters.removeFirst().resume()
        }
    }

    /// Runs `body` once no other heavy test is running.
    public nonisolated func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await self.acquire()
        do {
            let result = try await body()
            await self.release()
            return result
        } catch {
            await self.release()
            throw error
        }
    }
}
