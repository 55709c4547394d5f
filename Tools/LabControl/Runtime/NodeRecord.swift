/// The supervisor's bookkeeping for one node across its restarts.
struct NodeRecord: Sendable {
    var resolved: ResolvedNode
    var phase: NodeStatus.Phase = .pending
    var process: LaunchedProcess?
    /// Bumped at every launch, so that the exit of an old process is never taken for the new one.
    var generation = 0
    var restarts = 0
    var lastExit: String?
    /// Set when labctl itself ends the process, so the exit is not treated as a crash.
    var stopRequested = false
    /// Where this launch's output starts in the log file.
    var logOffset: UInt64 = 0

    var status: NodeStatus {
        NodeStatus(
            name: self.resolved.spec.name,
            phase: self.phase,
            pid: self.process?.pid,
            ports: self.resolved.ports,
            restarts: self.restarts,
            lastExit: self.lastExit,
            dataDirectory: self.resolved.dataDirectory.path,
            logFile: self.resolved.logFile.path
        )
    }
}
