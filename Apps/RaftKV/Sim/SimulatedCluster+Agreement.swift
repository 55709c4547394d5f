import Foundation
import RaftCore
import RaftKV

/// The checks of MIT 6.5840's Raft tests, in virtual time: one leader, agreement on an index,
/// proposing a command until it commits.
extension SimulatedCluster {
    /// The leader of the highest term among running, connected nodes, when exactly one claims that term.
    public var leader: NodeID? { self.leader(among: self.ids.filter { !self.disconnected.contains($0) }) }

    /// The leader of the highest term among `candidates`, when exactly one of them claims that term.
    public func leader(among candidates: [NodeID]) -> NodeID? {
        let leaders = candidates.compactMap { self.members[$0]?.isUp == true ? self.status(of: $0) : nil }
            .filter { $0.role == .leader }
        guard let top = leaders.map(\.term).max() else { return nil }
        let atTop = leaders.filter { $0.term == top }
        return atTop.count == 1 ? atTop[0].id : nil
    }

    /// Waits (up to 5 s of virtual time) for a single leader among running, connected nodes.
    public func awaitLeader(limit: Duration = .seconds(5)) throws(SimulationFailure) -> NodeID {
        var found: NodeID?
        self.run(until: {
            found = self.leader
            return found != nil
        }, limit: limit)
        guard let leader = found else {
            throw self.failure("expected one leader within \(limit); statuses: \(self.statuses.map(\.description))")
        }
        return leader
    }

    /// How many nodes have applied `index`, and the entry there (nodes that disagree are a safety violation).
    public func committedCount(at index: LogIndex) -> (count: Int, entry: LogEntry?) {
        let count = self.ids.filter { (self.members[$0]?.appliedIndex ?? 0) >= index }.count
        return (count, self.safety.appliedEntries[index])
    }

    /// Proposes `command` directly on a node's core (no client), if it is the leader.
    @discardableResult
    public func propose(_ command: Data, on id: NodeID) -> LogPosition? {
        guard self.members[id]?.isUp == true else { return nil }
        let position = try? self.members[id]!.core!.propose(command)
        self.processReady(of: id)
        return position
    }

    /// MIT's `one()`: offers `command` to nodes in turn until one leader accepts it and `expected`
    /// nodes have applied it. With `retry`, a command lost to a leader change is offered again.
    @discardableResult
    public func one(_ command: Data, expected: Int, retry: Bool = true, limit: Duration = .seconds(10)) throws(SimulationFailure) -> LogIndex {
        let deadline = self.now + limit
        var start = 0
        while self.now < deadline {
            var index: LogIndex?
            for offset in 0..<self.ids.count {
                let id = self.ids[(start + offset) % self.ids.count]
                if let position = self.propose(command, on: id) {
                    index = position.index
                    start = (start + offset + 1) % self.ids.count
                    break
                }
            }
            if let index {
                var agreed = false
                self.run(until: {
                    let (count, entry) = self.committedCount(at: index)
                    agreed = count >= expected && entry?.payload == .command(command)
                    return agreed
                }, limit: .seconds(2))
                if agreed { return index }
                if !retry { throw self.failure("one(\(command.count)B) was not applied by \(expected) nodes at index \(index)") }
            } else {
                self.run(for: .milliseconds(50))
            }
        }
        throw self.failure("one(\(command.count)B) failed to reach agreement on \(expected) nodes within \(limit)")
    }

    /// A fresh command for agreement tests: a put of a unique value under a test-only session.
    public func uniqueCommand(_ label: String) -> Data {
        self.commandCounter += 1
        return KVCommand(client: 0xA6_4EE, sequence: self.commandCounter, operation: .put(key: "agreement", value: label)).encoded()
    }
}

/// Membership changes and leadership transfer, driven through the current leader.
extension SimulatedCluster {
    /// Proposes `change` on the leader (retrying through elections) and waits until it is committed.
    @discardableResult
    public func changeMembership(_ change: MembershipChange, limit: Duration = .seconds(10)) throws(SimulationFailure) -> LogPosition {
        let deadline = self.now + limit
        var lastError: RaftError?
        while self.now < deadline {
            if let leader = self.leader, self.members[leader]?.isUp == true {
                do {
                    let position = try self.members[leader]!.core!.proposeMembershipChange(change)
                    self.processReady(of: leader)
                    self.note("membership change \(change) proposed at \(position)")
                    var committed = false
                    self.run(until: {
                        committed = self.safety.appliedEntries[position.index]?.term == position.term
                        return committed
                    }, limit: .seconds(2))
                    if committed { return position }
                } catch {
                    lastError = error
                }
            }
            self.run(for: .milliseconds(50))
        }
        throw self.failure("membership change \(change) did not commit within \(limit)" + (lastError.map { ": \($0)" } ?? ""))
    }

    /// Asks the leader to hand leadership to `target`.
    public func transferLeadership(to target: NodeID) throws(RaftError) {
        guard let leader = self.leader, self.members[leader]?.isUp == true else { throw .notLeader(leader: nil) }
        try self.members[leader]!.core!.transferLeadership(to: target)
        self.processReady(of: leader)
    }
}
