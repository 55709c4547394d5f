import LabSim
import RaftCore

/// Faults: crashes that keep exactly what was persisted, pauses, partitions (also one-way).
extension SimulatedCluster {
    /// Kills a node (SIGKILL): its core and application vanish, its persisted state stays.
    public func crash(_ id: NodeID) {
        guard self.members[id]?.core != nil else { return }
        self.members[id]!.core = nil
        self.trace.record(self.now, node: id, "CRASH")
    }

    /// Starts a crashed node again from its persisted state.
    public func restart(_ id: NodeID) {
        guard self.members[id]?.core == nil else { return }
        self.start(id)
    }

    /// Stops a node's clock and inbox (SIGSTOP); messages sent to it meanwhile are lost.
    public func pause(_ id: NodeID) {
        self.members[id]?.paused = true
        self.trace.record(self.now, node: id, "PAUSE")
    }

    public func resume(_ id: NodeID) {
        self.members[id]?.paused = false
        self.trace.record(self.now, node: id, "RESUME")
    }

    /// Cuts a node off from every other node, both ways (MIT's `disconnect`).
    public func disconnect(_ id: NodeID) {
        self.network.isolate(id, from: self.ids)
        self.disconnected.insert(id)
        self.trace.record(self.now, node: id, "DISCONNECT")
    }

    /// Undoes `disconnect`.
    public func connect(_ id: NodeID) {
        self.network.reconnect(id, with: self.ids.filter { !self.disconnected.contains($0) || $0 == id })
        self.disconnected.remove(id)
        self.trace.record(self.now, node: id, "CONNECT")
    }

    /// Splits the nodes into groups that cannot talk to each other.
    public func partition(_ groups: [[NodeID]]) {
        self.network.partition(groups)
        self.disconnected.removeAll()
        self.trace.record(self.now, "PARTITION \(groups.map { $0.map(String.init).joined(separator: ",") }.joined(separator: " | "))")
    }

    /// Cuts only the direction `from → to`.
    public func cutOneWay(from: NodeID, to: NodeID) {
        self.network.cut(.init(from: from, to: to))
        self.trace.record(self.now, "CUT \(from)→\(to)")
    }

    /// Restores every link.
    public func heal() {
        self.network.heal()
        self.disconnected.removeAll()
        self.trace.record(self.now, "HEAL")
    }

    /// Switches between a reliable and an unreliable network mid-run.
    public func setNetwork(_ conditions: NetworkConditions) {
        self.network.conditions = conditions
        self.trace.record(self.now, "NETWORK \(conditions)")
    }
}
