import Dispatch
import Foundation

/// Runs long-lived work until SIGINT (Ctrl-C) or SIGTERM (labctl stop) asks the process to stop.
public enum StopSignals {
    /// Runs `body` until it returns or a stop signal arrives, which cancels it; waits for `body`
    /// to wind down either way. Returns the signal's number, or nil if `body` returned by itself.
    /// After the first signal a second one ends the process at once, as the default action would.
    public static func run(_ body: @escaping @Sendable () async -> Void) async -> Int32? {
        let (signals, received) = AsyncStream.makeStream(of: Int32.self)
        let numbers = [SIGINT, SIGTERM]
        let sources = numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                for number in numbers { signal(number, SIG_DFL) }
                received.yield(number)
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            for number in numbers { signal(number, SIG_DFL) }
        }
        return await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                await body()
                return nil
            }
            group.addTask {
                for await number in signals { return number }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
