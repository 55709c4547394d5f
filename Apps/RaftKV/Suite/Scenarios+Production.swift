import LabSim
import RaftCore
import RaftKV
import RaftSim

/// What production Raft adds to the paper's core (etcd-raft, hashicorp/raft): pre-vote,
/// check-quorum, ReadIndex, leadership transfer, membership changes.
extension RaftScenario {
    static let production: [RaftScenario] = [
        RaftScenario("prevote-no-disruption", part: .production, requires: .preVote, "a node cut off for long does not raise its term, and rejoining does not depose the leader") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader = try cluster.awaitLeader()
            let term = cluster.status(of: leader)!.term
            let loner = cluster.ids.first { $0 != leader }!
            cluster.disconnect(loner)
            cluster.run(for: cluster.options.electionTimeout * 10)
            try test.expect(cluster.status(of: loner)!.term == term, "the isolated node's term went from \(term) to \(cluster.status(of: loner)!.term)")
            cluster.connect(loner)
            cluster.run(for: cluster.options.electionTimeout * 3)
            try test.expect(cluster.leader == leader && cluster.status(of: leader)!.term == term, "the rejoining node disrupted the leader")
            try cluster.one(cluster.uniqueCommand("after"), expected: 3)
            try test.expectSafe(cluster)
        },
        RaftScenario("check-quorum", part: .production, requires: .checkQuorum, "a leader cut off from the majority steps down by itself") { test throws(SimulationFailure) in
            let cluster = test.cluster(5)
            let leader = try cluster.awaitLeader()
            cluster.disconnect(leader)
            cluster.run(for: cluster.options.electionTimeout * 3)
            try test.expect(cluster.status(of: leader)!.role != .leader, "the isolated leader \(leader) still thinks it leads")
            _ = try cluster.awaitLeader()
            try test.expectSafe(cluster)
        },
        RaftScenario("one-way-partition", part: .production, requires: .checkQuorum, "a leader that can send but not hear answers is replaced") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader = try cluster.awaitLeader()
            for id in cluster.ids where id != leader { cluster.cutOneWay(from: id, to: leader) }
            let replaced = cluster.run(until: {
                cluster.ids.contains { $0 != leader && cluster.status(of: $0)?.role == .leader }
            }, limit: .seconds(5))
            try test.expect(replaced, "no other node took over from the deaf leader \(leader)")
            let next = cluster.leader(among: cluster.ids.filter { $0 != leader })!
            try test.expect(cluster.propose(cluster.uniqueCommand("x"), on: next) != nil, "the new leader refused a proposal")
            try test.expectSafe(cluster)
        },
        RaftScenario("readindex-not-stale", part: .production, requires: .readIndex, "a deposed leader in a minority never serves a stale read") { test throws(SimulationFailure) in
            try staleReadScript(test, staleReads: false)
            let cluster = test.lastCluster!
            try test.expectLinearizable(cluster)
        },
        RaftScenario("stale-reads-caught", part: .production, "reads served by any node without ReadIndex are caught by the checker") { test throws(SimulationFailure) in
            try staleReadScript(test, staleReads: true)
            let verdict = test.lastCluster!.checkLinearizability()
            try test.expect(verdict.violation != nil, "the checker accepted a history with a stale read: \(verdict)")
        },
        RaftScenario("leadership-transfer", part: .production, requires: .leadershipTransfer, "leadership moves to the chosen node at once, without losing writes") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            try cluster.one(cluster.uniqueCommand("a"), expected: 3)
            let leader = try cluster.awaitLeader()
            let term = cluster.status(of: leader)!.term
            let target = cluster.ids.first { $0 != leader }!
            do { try cluster.transferLeadership(to: target) } catch {
                try test.expect(false, "transfer refused: \(error)")
            }
            let moved = cluster.run(until: { cluster.leader == target }, limit: cluster.options.electionTimeout)
            try test.expect(moved, "node \(target) did not take over within one election timeout (leader: \(cluster.leader.map(String.init) ?? "none"))")
            try test.expect(cluster.status(of: target)!.term == term + 1, "the transfer took more than one election")
            try cluster.one(cluster.uniqueCommand("b"), expected: 3)
            try test.expectSafe(cluster)
        },
        RaftScenario("membership-changes", part: .production, requires: .membershipChanges, "add a learner, promote it, remove the leader, under an unreliable network") { test throws(SimulationFailure) in
            let cluster = test.cluster(5) { $0.initialVoterCount = 3; $0.network = .unreliable }
            cluster.startClients(2)
            try cluster.one(cluster.uniqueCommand("a"), expected: 3)
            for newcomer in [NodeID(4), 5] {
                try cluster.changeMembership(.addLearner(newcomer))
                cluster.run(until: { (cluster.status(of: newcomer)?.appliedIndex ?? 0) >= (cluster.status(of: cluster.leader ?? 1)?.commitIndex ?? 0) }, limit: .seconds(10))
                try cluster.changeMembership(.promote(newcomer))
            }
            let old = try cluster.awaitLeader()
            try cluster.changeMembership(.remove(old))
            let next = try cluster.awaitLeader()
            try test.expect(next != old, "the removed leader \(old) still leads")
            try test.expect(cluster.status(of: next)!.membership.voters.count == 4, "membership is \(cluster.status(of: next)!.membership)")
            cluster.setNetwork(.reliable)
            try cluster.one(cluster.uniqueCommand("b"), expected: 4)
            cluster.stopClients()
            try test.expectSafe(cluster)
            try test.expectLinearizable(cluster)
        },
    ]

    /// A leader cut off with one follower while the majority elects a new leader and accepts a write;
    /// a client then reads through the old leader's side.
    static func staleReadScript(_ test: ScenarioContext, staleReads: Bool) throws(SimulationFailure) {
        let cluster = test.cluster(5) { $0.checkQuorum = false }
        let old = try cluster.awaitLeader()
        cluster.startClients(0, workload: Workload(staleReads: staleReads))
        _ = cluster.perform(.put(key: "x", value: "1"), via: old)
        cluster.run(for: .milliseconds(100))
        let minority = [old, cluster.ids.first { $0 != old }!]
        let majority = cluster.ids.filter { !minority.contains($0) }
        cluster.partition([minority, majority])
        cluster.run(until: { cluster.leader(among: majority) != nil }, limit: .seconds(5))
        let fresh = cluster.perform(.put(key: "x", value: "2"), via: majority[0])
        try test.expect(fresh == .done, "the majority did not accept a write: \(String(describing: fresh))")
        _ = cluster.perform(.get(key: "x"), via: minority[1], limit: .seconds(1))
        _ = cluster.perform(.get(key: "x"), via: old, limit: .seconds(1))
        cluster.heal()
        cluster.run(for: .seconds(1))
        try test.expectSafe(cluster)
    }
}
