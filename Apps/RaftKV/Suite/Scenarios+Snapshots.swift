import LabSim
import RaftCore
import RaftSim

/// Part 3D: log compaction (MIT 6.5840 TestSnapshotBasic3D … TestSnapshotInit3D). The application
/// snapshots every 10 applied entries, so logs stay short and lagging nodes need InstallSnapshot.
extension RaftScenario {
    static let snapshots: [RaftScenario] = [
        RaftScenario("snapshot-basic", part: .snapshots, requires: .snapshots, "snapshots keep every persisted log short") { test throws(SimulationFailure) in
            let cluster = test.cluster(3) { $0.snapshotInterval = 10 }
            for round in 1...100 { try cluster.one(cluster.uniqueCommand("s\(round)"), expected: 3) }
            for id in cluster.ids {
                let persisted = cluster.persistedState(of: id)!
                try test.expect(persisted.entries.count <= 40, "node \(id) still persists \(persisted.entries.count) entries")
                try test.expect((persisted.snapshot?.index ?? 0) >= 80, "node \(id)'s snapshot covers only \(persisted.snapshot?.index ?? 0) entries")
            }
            try test.expectSafe(cluster)
        },
        RaftScenario("snapshot-install", part: .snapshots, requires: .snapshots, "a follower that missed compacted entries catches up through InstallSnapshot") { test throws(SimulationFailure) in
            try installSnapshot(test, network: .reliable, crash: false)
        },
        RaftScenario("snapshot-install-unreliable", part: .snapshots, requires: .snapshots, "InstallSnapshot on an unreliable network") { test throws(SimulationFailure) in
            try installSnapshot(test, network: .unreliable, crash: false)
        },
        RaftScenario("snapshot-install-crash", part: .snapshots, requires: .snapshots, "InstallSnapshot to a follower that crashed and restarted") { test throws(SimulationFailure) in
            try installSnapshot(test, network: .reliable, crash: true)
        },
        RaftScenario("snapshot-init", part: .snapshots, requires: .snapshots, "a whole cluster restarts from snapshots with the same data") { test throws(SimulationFailure) in
            let cluster = test.cluster(3) { $0.snapshotInterval = 10 }
            cluster.startClients(3, operationsEach: 40)
            cluster.run(until: { cluster.clientsAreIdle }, limit: .seconds(20))
            try cluster.one(cluster.uniqueCommand("before"), expected: 3)
            let before = cluster.store(of: 1)!.snapshot()
            for id in cluster.ids { cluster.crash(id) }
            for id in cluster.ids { cluster.restart(id) }
            let index = try cluster.one(cluster.uniqueCommand("after"), expected: 3)
            try test.expect(index > 0, "no agreement after the restart")
            cluster.stopClients()
            try test.expect(cluster.persistedState(of: 1)?.snapshot != nil, "no snapshot was taken")
            let stores = cluster.ids.map { cluster.store(of: $0)!.snapshot() }
            try test.expect(Set(stores).count == 1, "replicas differ after restarting from snapshots")
            try test.expect(stores[0] != before, "the restarted store lost the last write")
            try test.expectSafe(cluster)
            try test.expectLinearizable(cluster)
        },
    ]

    static func installSnapshot(_ test: ScenarioContext, network: NetworkConditions, crash: Bool) throws(SimulationFailure) {
        let cluster = test.cluster(3) { $0.snapshotInterval = 10; $0.network = network }
        var random = test.random()
        try cluster.one(cluster.uniqueCommand("start"), expected: 1)
        for round in 0..<8 {
            let leader = try cluster.awaitLeader(limit: .seconds(10))
            let victim = round % 2 == 0 ? cluster.ids.first { $0 != leader }! : leader
            if crash { cluster.crash(victim) } else { cluster.disconnect(victim) }
            for step in 0..<(11 + Int(random.next() % 10)) {
                cluster.propose(cluster.uniqueCommand("r\(round)-\(step)"), on: cluster.leader ?? leader)
            }
            try cluster.one(cluster.uniqueCommand("r\(round)"), expected: 2, limit: .seconds(20))
            if crash { cluster.restart(victim) } else { cluster.connect(victim) }
            try cluster.one(cluster.uniqueCommand("r\(round)-back"), expected: 3, limit: .seconds(20))
        }
        let installs = cluster.ids.compactMap { cluster.persistedState(of: $0)?.snapshot?.index }
        try test.expect(installs.allSatisfy { $0 > 0 }, "some node has no snapshot: \(installs)")
        try test.expectSafe(cluster)
    }
}
