import Foundation

/// Runs CPU-heavy synchronous work (a simulation, a checker) on a thread of its own, so that it
/// does not occupy one of the few threads of Swift's cooperative pool for seconds: on two cores
/// that would starve every other test running in parallel and make their deadlines fire.
public func onDedicatedThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
