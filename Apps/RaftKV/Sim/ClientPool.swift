import LabCheck
import RaftCore
import RaftKV

/// The simulated key-value clients and the history they record for the checker.
struct ClientPool {
    /// One client: a session (id + sequence) doing one operation at a time.
    struct Client {
        let process: Int
        var sequence: UInt64 = 0
        var target: NodeID
        var attempt = 0
        var current: KVCommand?
        var operationsLeft: Int
        var lastResult: KVResult?
    }

    var clients: [Client] = []
    var recorder = HistoryRecorder()
    var workload = Workload()
    var running = false
    /// Node-side bookkeeping: writes waiting to be applied, reads waiting to be confirmed.
    var pendingWrites: [NodeID: [LogIndex: (request: ClientRequest, term: Term)]] = [:]
    var pendingReads: [NodeID: [UInt64: ClientRequest]] = [:]
    var completed = 0
    var redirects = 0
    var timeouts = 0
}

/// What simulated clients do: random operations over a few keys, so that they often collide.
public struct Workload: Sendable {
    public var keys: Int = 4
    /// Out of 100: gets, puts, appends, cas (the rest deletes).
    public var gets = 40
    public var puts = 20
    public var appends = 20
    public var cas = 15
    /// How long a client waits for an answer before retrying elsewhere.
    public var timeout: Duration = .milliseconds(600)
    /// Serve reads at whichever node the client asks, without ReadIndex (stale reads, for teaching).
    public var staleReads = false

    public init(keys: Int = 4, timeout: Duration = .milliseconds(600), staleReads: Bool = false) {
        self.keys = keys
        self.timeout = timeout
        self.staleReads = staleReads
    }
}
