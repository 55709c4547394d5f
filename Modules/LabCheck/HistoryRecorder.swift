/// Records a history from a single thread, e.g. a simulator running in virtual time.
///
/// Enforces the recording rules as it goes: one operation in flight per process, the right kind
/// of output on `ok`, completions no earlier than their invocation, and (the Jepsen convention)
/// no new operation on a process after an `info`, since that operation may still take effect;
/// give the client a fresh process id instead. Violations throw ``HistoryError``.
public struct HistoryRecorder: Sendable {
    /// Everything recorded so far.
    public private(set) var history = History()
    private var inFlight: [Int: Int] = [:]  // process -> index of its invoke event
    private var retired: Set<Int> = []

    public init() {}

    /// Records that `process` sent `op` at `time` (nanoseconds); returns the event's index.
    @discardableResult
    public mutating func invoke(process: Int, op: KVOperation, time: Int64) throws -> Int {
        if let pending = self.inFlight[process] {
            throw HistoryError.processBusy(
                process: process, pending: self.history.events[pending].operation, invoked: op)
        }
        if self.retired.contains(process) { throw HistoryError.processRetired(process: process, invoked: op) }
        self.inFlight[process] = self.history.events.count
        return self.append(HistoryEvent(process: process, kind: .invoke, operation: op, time: time))
    }

    /// Records that the operation of `process` took effect and observed `output`
    /// (`.ack` for put/delete/append, `.value` for get, `.casResult` for cas).
    @discardableResult
    public mutating func ok(process: Int, output: KVOutput = .ack, time: Int64) throws -> Int {
        let op = try self.pending(process, kind: .ok, time: time)
        guard op.accepts(output) else {
            throw HistoryError.outputMismatch(process: process, operation: op, output: output)
        }
        return self.complete(process, kind: .ok, op: op, output: output, time: time)
    }

    /// Records that the operation of `process` definitely did not take effect.
    @discardableResult
    public mutating func fail(process: Int, time: Int64) throws -> Int {
        let op = try self.pending(process, kind: .fail, time: time)
        return self.complete(process, kind: .fail, op: op, output: nil, time: time)
    }

    /// Records that the outcome of the operation of `process` is unknown (timeout, crash); the
    /// process is retired.
    @discardableResult
    public mutating func info(process: Int, time: Int64) throws -> Int {
        let op = try self.pending(process, kind: .info, time: time)
        self.retired.insert(process)
        return self.complete(process, kind: .info, op: op, output: nil, time: time)
    }

    /// The operation `process` has in flight, if any.
    public func pendingOperation(of process: Int) -> KVOperation? {
        self.inFlight[process].map { self.history.events[$0].operation }
    }

    /// Whether `process` ended with an `info` and may not invoke again.
    public func isRetired(_ process: Int) -> Bool {
        self.retired.contains(process)
    }

    private func pending(_ process: Int, kind: HistoryEvent.Kind, time: Int64) throws -> KVOperation {
        guard let index = self.inFlight[process] else {
            throw HistoryError.noPendingOperation(process: process, kind: kind, eventIndex: self.history.events.count)
        }
        let invoke = self.history.events[index]
        guard time >= invoke.time else {
            throw HistoryError.timeWentBackwards(
                process: process, operation: invoke.operation, invokeTime: invoke.time, completeTime: time)
        }
        return invoke.operation
    }

    private mutating func complete(
        _ process: Int, kind: HistoryEvent.Kind, op: KVOperation, output: KVOutput?, time: Int64
    ) -> Int {
        self.inFlight[process] = nil
        return self.append(HistoryEvent(process: process, kind: kind, operation: op, output: output, time: time))
    }

    private mutating func append(_ event: HistoryEvent) -> Int {
        self.history.events.append(event)
        return self.history.events.count - 1
    }
}
