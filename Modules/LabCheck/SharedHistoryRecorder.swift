import Synchronization

/// A ``HistoryRecorder`` that many concurrent clients can share, e.g. in real-process tests.
///
/// Each method takes a lock, so events are recorded in a single order. The overloads without a
/// `time` read the recorder's own `ContinuousClock` inside the lock (nanoseconds since the recorder
/// was made), so recorded order and times always agree.
public final class SharedHistoryRecorder: Sendable {
    private let recorder = Mutex(HistoryRecorder())
    private let start = ContinuousClock.now

    public init() {}

    /// Everything recorded so far.
    public var history: History {
        self.recorder.withLock { $0.history }
    }

    /// Nanoseconds since this recorder was made.
    public func now() -> Int64 {
        let elapsed = ContinuousClock.now - self.start
        return elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
    }

    @discardableResult
    public func invoke(process: Int, op: KVOperation, time: Int64? = nil) throws -> Int {
        try self.recorder.withLock { try $0.invoke(process: process, op: op, time: time ?? self.now()) }
    }

    @discardableResult
    public func ok(process: Int, output: KVOutput = .ack, time: Int64? = nil) throws -> Int {
        try self.recorder.withLock { try $0.ok(process: process, output: output, time: time ?? self.now()) }
    }

    @discardableResult
    public func fail(process: Int, time: Int64? = nil) throws -> Int {
        try self.recorder.withLock { try $0.fail(process: process, time: time ?? self.now()) }
    }

    @discardableResult
    public func info(process: Int, time: Int64? = nil) throws -> Int {
        try self.recorder.withLock { try $0.info(process: process, time: time ?? self.now()) }
    }
}
