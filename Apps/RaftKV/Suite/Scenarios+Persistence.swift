import LabSim
import RaftCore
import RaftSim

/// Part 3C: persistence (MIT 6.5840 TestPersist13C … TestUnreliableChurn3C). Crashes keep exactly
/// what the core asked to persist, so a core that forgets to persist its term, vote or log fails here.
extension RaftScenario {
    static let persistence: [RaftScenario] = [
        RaftScenario("persist-restarts", part: .persistence, "the cluster keeps its log through restarts of everyone, the leader, a follower") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            try cluster.one(cluster.uniqueCommand("11"), expected: 3)
            for id in cluster.ids { cluster.crash(id) }
            for id in cluster.ids { cluster.restart(id) }
            try cluster.one(cluster.uniqueCommand("12"), expected: 3)
            let leader1 = try cluster.awaitLeader()
            cluster.crash(leader1)
            cluster.restart(leader1)
            try cluster.one(cluster.uniqueCommand("13"), expected: 3)
            let leader2 = try cluster.awaitLeader()
            cluster.crash(leader2)
            try cluster.one(cluster.uniqueCommand("14"), expected: 2)
            cluster.restart(leader2)
            cluster.run(until: { cluster.ids.allSatisfy { cluster.status(of: $0)?.appliedIndex ?? 0 >= cluster.status(of: leader1)?.commitIndex ?? 0 } }, limit: .seconds(4))
            let follower = cluster.ids.first { $0 != cluster.leader }!
            cluster.crash(follower)
            try cluster.one(cluster.uniqueCommand("15"), expected: 2)
            cluster.restart(follower)
            try cluster.one(cluster.uniqueCommand("16"), expected: 3)
            try test.expectSafe(cluster)
        },
        RaftScenario("persist-rolling", part: .persistence, "five nodes lose and regain pairs of members, agreeing all along") { test throws(SimulationFailure) in
            let cluster = test.cluster(5)
            var index = 1
            for _ in 0..<5 {
                try cluster.one(cluster.uniqueCommand("\(index)"), expected: 5)
                index += 1
                let leader = Int(try cluster.awaitLeader())
                let a = NodeID((leader) % 5 + 1), b = NodeID((leader + 1) % 5 + 1)
                cluster.crash(a)
                cluster.crash(b)
                try cluster.one(cluster.uniqueCommand("\(index)"), expected: 3)
                index += 1
                let c = NodeID((leader + 2) % 5 + 1), d = NodeID((leader + 3) % 5 + 1)
                cluster.crash(c)
                cluster.restart(a)
                cluster.restart(b)
                try cluster.one(cluster.uniqueCommand("\(index)"), expected: 3)
                index += 1
                cluster.crash(d)
                cluster.restart(c)
                cluster.restart(d)
            }
            try cluster.one(cluster.uniqueCommand("end"), expected: 5)
            try test.expectSafe(cluster)
        },
        RaftScenario("persist-partitioned", part: .persistence, "a crashed leader and follower come back, with a third node partitioned meanwhile") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            try cluster.one(cluster.uniqueCommand("101"), expected: 3)
            let leader = Int(try cluster.awaitLeader())
            let third = NodeID((leader + 1) % 3 + 1), second = NodeID(leader % 3 + 1)
            cluster.disconnect(third)
            try cluster.one(cluster.uniqueCommand("102"), expected: 2)
            cluster.crash(NodeID(leader))
            cluster.crash(second)
            cluster.connect(third)
            cluster.restart(NodeID(leader))
            try cluster.one(cluster.uniqueCommand("103"), expected: 2)
            cluster.restart(second)
            try cluster.one(cluster.uniqueCommand("104"), expected: 3)
            try test.expectSafe(cluster)
        },
        RaftScenario("figure-8", part: .persistence, "leaders crash at random moments (Figure 8): nothing committed is ever lost") { test throws(SimulationFailure) in
            let cluster = test.cluster(5)
            var random = test.random()
            try cluster.one(cluster.uniqueCommand("start"), expected: 1)
            var up = 5
            for round in 0..<300 {
                if let leader = cluster.leader { cluster.propose(cluster.uniqueCommand("f8-\(round)"), on: leader) }
                let pause = random.next() % 1000 < 100
                    ? Duration.milliseconds(Int(random.next() % 150)) : .milliseconds(Int(random.next() % 13))
                cluster.run(for: pause)
                if let leader = cluster.leader, cluster.isUp(leader) {
                    cluster.crash(leader)
                    up -= 1
                }
                if up < 3 {
                    let down = cluster.ids.filter { !cluster.isUp($0) }
                    let id = down[Int(random.next() % UInt64(down.count))]
                    cluster.restart(id)
                    up += 1
                }
            }
            for id in cluster.ids where !cluster.isUp(id) { cluster.restart(id) }
            try cluster.one(cluster.uniqueCommand("end"), expected: 5)
            try test.expectSafe(cluster)
        },
        RaftScenario("unreliable-agreement", part: .persistence, "agreement on a lossy, duplicating, reordering network") { test throws(SimulationFailure) in
            let cluster = test.cluster(5) { $0.network = .unreliable }
            for round in 1...50 {
                let leader = cluster.leader ?? 1
                for j in 0..<4 { cluster.propose(cluster.uniqueCommand("\(round)-\(j)"), on: leader) }
                try cluster.one(cluster.uniqueCommand("\(round)"), expected: 1)
            }
            cluster.setNetwork(.reliable)
            try cluster.one(cluster.uniqueCommand("end"), expected: 5)
            try test.expectSafe(cluster)
        },
        RaftScenario("figure-8-unreliable", part: .persistence, "Figure 8 again, with leaders cut off instead of crashed, on an unreliable network") { test throws(SimulationFailure) in
            let cluster = test.cluster(5) { $0.network = .unreliable }
            var random = test.random()
            try cluster.one(cluster.uniqueCommand("start"), expected: 1)
            var connected = 5
            for round in 0..<300 {
                for id in cluster.ids where random.next() % 1000 < 500 {
                    if cluster.status(of: id)?.role == .leader { cluster.propose(cluster.uniqueCommand("u8-\(round)-\(id)"), on: id) }
                }
                let pause = random.next() % 1000 < 100
                    ? Duration.milliseconds(Int(random.next() % 150)) : .milliseconds(Int(random.next() % 13))
                cluster.run(for: pause)
                if let leader = cluster.leader, random.next() % 1000 < 500 {
                    cluster.disconnect(leader)
                    connected -= 1
                }
                if connected < 3 {
                    let cut = Array(cluster.disconnected.sorted())
                    cluster.connect(cut[Int(random.next() % UInt64(cut.count))])
                    connected += 1
                }
            }
            cluster.setNetwork(.reliable)
            cluster.heal()
            try cluster.one(cluster.uniqueCommand("end"), expected: 5, limit: .seconds(20))
            try test.expectSafe(cluster)
        },
        RaftScenario("reliable-churn", part: .persistence, "clients keep working while nodes crash, restart and disconnect; the history is linearizable") { test throws(SimulationFailure) in
            try churn(test, network: .reliable)
        },
        RaftScenario("unreliable-churn", part: .persistence, "churn on an unreliable network; the history is linearizable") { test throws(SimulationFailure) in
            try churn(test, network: .unreliable)
        },
    ]

    /// MIT's churn tests, with key-value clients whose history is checked.
    static func churn(_ test: ScenarioContext, network: NetworkConditions) throws(SimulationFailure) {
        let cluster = test.cluster(5) { $0.network = network }
        var random = test.random()
        cluster.startClients(3)
        for _ in 0..<20 {
            let id = cluster.ids[Int(random.next() % 5)]
            switch random.next() % 4 {
            case 0: cluster.disconnect(id)
            case 1: cluster.connect(id)
            case 2: if cluster.ids.filter(cluster.isUp).count > 3 { cluster.crash(id) }
            default: cluster.restart(id)
            }
            cluster.run(for: .milliseconds(Int(random.next() % 400)))
        }
        cluster.heal()
        cluster.setNetwork(.reliable)
        for id in cluster.ids { cluster.restart(id) }
        cluster.run(for: .seconds(2))
        cluster.stopClients()
        try cluster.one(cluster.uniqueCommand("end"), expected: 5)
        try test.expectSafe(cluster)
        try test.expectLinearizable(cluster)
        try test.expect(cluster.clientStatistics.completed > 20, "clients completed only \(cluster.clientStatistics.completed) operations")
    }
}
