import RaftKV

/// A state machine driven like Raft drives it: one command per log index, client 1 by default,
/// each call the next sequence.
struct Driver {
    var machine: KVStateMachine
    var index: UInt64 = 0
    var sequences: [UInt64: UInt64] = [:]

    init(limits: KVLimits = .init()) {
        self.machine = KVStateMachine(limits: limits)
    }

    @discardableResult
    mutating func run(_ op: KVOperation, client: UInt64 = 1) -> KVResult {
        let sequence = (self.sequences[client] ?? 0) + 1
        self.sequences[client] = sequence
        return self.send(KVCommand(client: client, sequence: sequence, operation: op))
    }

    /// Sends `command` as is, at the next log index.
    @discardableResult
    mutating func send(_ command: KVCommand) -> KVResult {
        self.index += 1
        return self.machine.apply(command, at: self.index)
    }
}
