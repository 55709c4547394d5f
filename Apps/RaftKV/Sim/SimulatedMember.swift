import RaftCore
import RaftKV

/// One node of a simulated cluster: its Raft core (absent while crashed), what it persisted (which
/// survives a crash exactly), and its application, the key-value state machine.
struct SimulatedMember {
    let id: NodeID
    var core: (any RaftNode)?
    var persisted = PersistentState.empty
    var store = KVStateMachine()
    var incarnation = 0
    /// This node's tick length: the options' tick skewed by its clock drift.
    var tickPeriod: Duration
    /// Paused nodes (SIGSTOP) keep their state but neither tick nor receive.
    var paused = false
    /// Reads confirmed by the core, waiting for the application to reach their index.
    var confirmedReads: [ReadState] = []

    /// The last log index applied (commands, no-ops and membership entries alike).
    var appliedIndex: LogIndex = 0

    var isUp: Bool { self.core != nil && !self.paused }
}
