/// One single-server membership change (Raft dissertation §4.1): at most one is in flight at a time.
public enum MembershipChange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Adds a non-voting member that receives the log. Add new servers this way first, and promote
    /// them once they have caught up, so that a slow newcomer never stalls the quorum.
    case addLearner(NodeID)
    /// Makes a caught-up learner a voter.
    case promote(NodeID)
    /// Removes a voter or a learner. A leader that removes itself steps down once the change commits.
    case remove(NodeID)

    public var node: NodeID {
        switch self {
        case .addLearner(let id), .promote(let id), .remove(let id): return id
        }
    }

    public var description: String {
        switch self {
        case .addLearner(let id): return "add-learner(\(id))"
        case .promote(let id): return "promote(\(id))"
        case .remove(let id): return "remove(\(id))"
        }
    }
}

/// Who votes and who only listens.
public struct Membership: Sendable, Hashable, Codable, CustomStringConvertible {
    public var voters: Set<NodeID>
    public var learners: Set<NodeID>

    public init(voters: Set<NodeID>, learners: Set<NodeID> = []) {
        self.voters = voters
        self.learners = learners
    }

    /// Everyone who receives the log.
    public var members: Set<NodeID> { self.voters.union(self.learners) }

    /// Votes needed for a decision: a strict majority of the voters.
    public var quorum: Int { self.voters.count / 2 + 1 }

    /// The membership after `change`.
    public func applying(_ change: MembershipChange) -> Membership {
        var next = self
        switch change {
        case .addLearner(let id):
            next.learners.insert(id)
        case .promote(let id):
            next.learners.remove(id)
            next.voters.insert(id)
        case .remove(let id):
            next.voters.remove(id)
            next.learners.remove(id)
        }
        return next
    }

    public var description: String {
        let voters = self.voters.sorted().map(String.init).joined(separator: ",")
        let learners = self.learners.sorted().map(String.init).joined(separator: ",")
        return learners.isEmpty ? "voters{\(voters)}" : "voters{\(voters)} learners{\(learners)}"
    }
}
