import RaftCore
import RaftSim

/// Part 3A: leader election (MIT 6.5840 TestInitialElection3A, TestReElection3A, TestManyElections3A).
extension RaftScenario {
    static let election: [RaftScenario] = [
        RaftScenario("initial-election", part: .election, "three nodes elect one leader, and keep it while nothing fails") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader = try cluster.awaitLeader()
            let term = cluster.status(of: leader)!.term
            try test.expect(term >= 1, "the leader's term should be at least 1, got \(term)")
            cluster.run(for: cluster.options.electionTimeout * 4)
            try test.expect(cluster.leader == leader, "leader changed from \(leader) to \(cluster.leader.map(String.init) ?? "none") without failures")
            let laterTerm = cluster.status(of: leader)?.term ?? term
            try test.expect(laterTerm == term, "term changed from \(term) to \(laterTerm) without failures "
                + "(do followers restart their election timer when the leader's AppendEntries arrive?)")
            try test.expectSafe(cluster)
        },
        RaftScenario("re-election", part: .election, "a new leader is elected when the leader is cut off, and none without a majority") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader1 = try cluster.awaitLeader()
            cluster.disconnect(leader1)
            let leader2 = try cluster.awaitLeader()
            try test.expect(leader2 != leader1, "the disconnected node \(leader1) is still the only leader")
            cluster.connect(leader1)
            cluster.run(for: cluster.options.electionTimeout * 2)
            let leader3 = try cluster.awaitLeader()
            // No majority: no leader among the connected node.
            cluster.disconnect(leader3)
            let other = cluster.ids.first { $0 != leader3 }!
            cluster.disconnect(other)
            cluster.run(for: cluster.options.electionTimeout * 4)
            let alone = cluster.ids.filter { $0 != leader3 && $0 != other }
            try test.expect(alone.allSatisfy { cluster.status(of: $0)?.role != .leader }, "node \(alone) became leader alone")
            cluster.connect(other)
            _ = try cluster.awaitLeader()
            cluster.connect(leader3)
            _ = try cluster.awaitLeader()
            try test.expectSafe(cluster)
        },
        RaftScenario("many-elections", part: .election, "seven nodes keep electing one leader while three random nodes come and go") { test throws(SimulationFailure) in
            let cluster = test.cluster(7)
            var random = test.random()
            _ = try cluster.awaitLeader()
            for _ in 0..<10 {
                let cut = Array(cluster.ids.shuffled(using: &random).prefix(3))
                for id in cut { cluster.disconnect(id) }
                _ = try cluster.awaitLeader()
                for id in cut { cluster.connect(id) }
            }
            _ = try cluster.awaitLeader()
            try test.expectSafe(cluster)
        },
    ]
}
