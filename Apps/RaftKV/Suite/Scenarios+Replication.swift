import RaftCore
import RaftSim

/// Part 3B: log replication (MIT 6.5840 TestBasicAgree3B … TestCount3B).
extension RaftScenario {
    static let replication: [RaftScenario] = [
        RaftScenario("basic-agreement", part: .replication, "commands proposed to the leader are applied by every node, in order") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            _ = try cluster.awaitLeader()
            var previous: LogIndex = 0
            for round in 1...3 {
                let index = try cluster.one(cluster.uniqueCommand("basic-\(round)"), expected: 3, retry: false)
                try test.expect(index > previous, "command \(round) landed at index \(index), not after \(previous)")
                previous = index
            }
            try test.expectSafe(cluster)
        },
        RaftScenario("rpc-bytes", part: .replication, "each command's bytes cross the network about once per follower") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            _ = try cluster.awaitLeader()
            let before = cluster.networkStatistics.bytes
            let payload = String(repeating: "x", count: 5000)
            var sent = 0
            for round in 1...10 {
                let command = cluster.uniqueCommand("\(round)-" + payload)
                sent += command.count
                try cluster.one(command, expected: 3, retry: false)
            }
            let used = cluster.networkStatistics.bytes - before
            try test.expect(used <= sent * 2 + 50_000, "sent \(used) bytes for \(sent) bytes of commands to 2 followers (budget \(sent * 2 + 50_000))")
        },
        RaftScenario("follower-failure", part: .replication, "agreement continues without one follower, and stops without a majority") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader1 = try cluster.awaitLeader()
            try cluster.one(cluster.uniqueCommand("a"), expected: 3)
            cluster.disconnect(cluster.ids.first { $0 != leader1 }!)
            try cluster.one(cluster.uniqueCommand("b"), expected: 2)
            cluster.run(for: cluster.options.electionTimeout)
            try cluster.one(cluster.uniqueCommand("c"), expected: 2)
            let leader2 = try cluster.awaitLeader()
            for id in cluster.ids where id != leader2 { cluster.disconnect(id) }
            let position = cluster.propose(cluster.uniqueCommand("d"), on: leader2)
            try test.expect(position != nil, "the leader \(leader2) refused a proposal")
            cluster.run(for: cluster.options.electionTimeout * 2)
            let (count, _) = cluster.committedCount(at: position!.index)
            try test.expect(count == 0, "\(count) nodes applied index \(position!.index) without a majority")
            try test.expectSafe(cluster)
        },
        RaftScenario("leader-failure", part: .replication, "a new leader takes over; without a majority nothing commits") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader1 = try cluster.awaitLeader()
            try cluster.one(cluster.uniqueCommand("a"), expected: 3)
            cluster.disconnect(leader1)
            try cluster.one(cluster.uniqueCommand("b"), expected: 2)
            cluster.run(for: cluster.options.electionTimeout)
            try cluster.one(cluster.uniqueCommand("c"), expected: 2)
            let leader2 = try cluster.awaitLeader()
            cluster.disconnect(leader2)
            var positions: [LogPosition] = []
            for id in cluster.ids { if let p = cluster.propose(cluster.uniqueCommand("d\(id)"), on: id) { positions.append(p) } }
            cluster.run(for: cluster.options.electionTimeout * 2)
            for position in positions {
                let (count, entry) = cluster.committedCount(at: position.index)
                try test.expect(count == 0 || entry?.term != position.term, "a proposal at \(position) committed with one node of three")
            }
            try test.expectSafe(cluster)
        },
        RaftScenario("fail-agree", part: .replication, "a follower that was cut off catches up when it returns") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader = try cluster.awaitLeader()
            try cluster.one(cluster.uniqueCommand("a"), expected: 3)
            let follower = cluster.ids.first { $0 != leader }!
            cluster.disconnect(follower)
            for round in 1...4 { try cluster.one(cluster.uniqueCommand("b\(round)"), expected: 2) }
            cluster.run(for: cluster.options.electionTimeout)
            cluster.connect(follower)
            try cluster.one(cluster.uniqueCommand("c"), expected: 3)
            try cluster.one(cluster.uniqueCommand("d"), expected: 3)
            try test.expectSafe(cluster)
        },
        RaftScenario("fail-no-agree", part: .replication, "with three of five followers gone nothing commits; afterwards agreement resumes") { test throws(SimulationFailure) in
            let cluster = test.cluster(5)
            try cluster.one(cluster.uniqueCommand("a"), expected: 5)
            let leader = try cluster.awaitLeader()
            let followers = cluster.ids.filter { $0 != leader }
            for id in followers.prefix(3) { cluster.disconnect(id) }
            let position = cluster.propose(cluster.uniqueCommand("b"), on: leader)
            try test.expect(position != nil, "the leader refused a proposal")
            cluster.run(for: cluster.options.electionTimeout * 2)
            try test.expect(cluster.committedCount(at: position!.index).count == 0, "an entry committed without a majority")
            for id in followers.prefix(3) { cluster.connect(id) }
            _ = try cluster.awaitLeader()
            try cluster.one(cluster.uniqueCommand("c"), expected: 5)
            try test.expectSafe(cluster)
        },
        RaftScenario("concurrent-proposals", part: .replication, "commands proposed together all commit, each once") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            let leader = try cluster.awaitLeader()
            let commands = (1...20).map { cluster.uniqueCommand("concurrent-\($0)") }
            var positions: [LogPosition] = []
            for command in commands {
                if let position = cluster.propose(command, on: leader) { positions.append(position) }
            }
            try test.expect(positions.count == commands.count, "the leader refused \(commands.count - positions.count) proposals")
            let last = positions.map(\.index).max()!
            cluster.run(until: { cluster.committedCount(at: last).count == 3 }, limit: .seconds(5))
            for (command, position) in zip(commands, positions) {
                let (count, entry) = cluster.committedCount(at: position.index)
                try test.expect(count == 3 && entry?.payload == .command(command), "command at \(position) applied by \(count) nodes")
            }
            try test.expectSafe(cluster)
        },
        RaftScenario("rejoin", part: .replication, "a partitioned leader's uncommitted entries are replaced when it rejoins") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            try cluster.one(cluster.uniqueCommand("a"), expected: 3)
            let leader1 = try cluster.awaitLeader()
            cluster.disconnect(leader1)
            for round in 1...3 { cluster.propose(cluster.uniqueCommand("lost\(round)"), on: leader1) }
            try cluster.one(cluster.uniqueCommand("b"), expected: 2)
            let leader2 = try cluster.awaitLeader()
            cluster.disconnect(leader2)
            cluster.connect(leader1)
            try cluster.one(cluster.uniqueCommand("c"), expected: 2)
            cluster.connect(leader2)
            try cluster.one(cluster.uniqueCommand("d"), expected: 3)
            try test.expectSafe(cluster)
        },
        RaftScenario("backup", part: .replication, "a leader brings followers with long divergent logs back quickly (fast backtracking)") { test throws(SimulationFailure) in
            let cluster = test.cluster(5)
            try cluster.one(cluster.uniqueCommand("start"), expected: 5)
            let leader1 = try cluster.awaitLeader()
            let others = cluster.ids.filter { $0 != leader1 }
            // Leader and one follower in a minority, which piles up 50 uncommittable entries.
            for id in others.dropFirst() { cluster.disconnect(id) }
            for round in 1...50 { cluster.propose(cluster.uniqueCommand("minority-\(round)"), on: leader1) }
            cluster.run(for: cluster.options.electionTimeout / 2)
            cluster.disconnect(leader1)
            cluster.disconnect(others[0])
            for id in others.dropFirst() { cluster.connect(id) }
            for round in 1...50 { try cluster.one(cluster.uniqueCommand("majority-\(round)"), expected: 3) }
            // Now the other majority diverges too.
            let leader2 = try cluster.awaitLeader()
            let other = others.dropFirst().first { $0 != leader2 }!
            cluster.disconnect(other)
            for round in 1...50 { cluster.propose(cluster.uniqueCommand("second-minority-\(round)"), on: leader2) }
            cluster.run(for: cluster.options.electionTimeout / 2)
            for id in cluster.ids { cluster.disconnect(id) }
            cluster.connect(leader1)
            cluster.connect(others[0])
            cluster.connect(other)
            for round in 1...50 { try cluster.one(cluster.uniqueCommand("third-\(round)"), expected: 3) }
            for id in cluster.ids { cluster.connect(id) }
            try cluster.one(cluster.uniqueCommand("end"), expected: 5)
            try test.expectSafe(cluster)
        },
        RaftScenario("rpc-count", part: .replication, "elections and agreement use few messages: batching, no message storms") { test throws(SimulationFailure) in
            let cluster = test.cluster(3)
            _ = try cluster.awaitLeader()
            let electionMessages = cluster.networkStatistics.sent
            try test.expect(electionMessages < 60, "electing a leader took \(electionMessages) messages")
            let before = cluster.networkStatistics.sent
            let leader = try cluster.awaitLeader()
            var last: LogIndex = 0
            for round in 1...10 { last = cluster.propose(cluster.uniqueCommand("count-\(round)"), on: leader)!.index }
            cluster.run(until: { cluster.committedCount(at: last).count == 3 }, limit: .seconds(2))
            let used = cluster.networkStatistics.sent - before
            // Two followers: appends and answers, commit notices and answers, perhaps a heartbeat round.
            try test.expect(used <= 20, "10 commands proposed together took \(used) messages to commit (batched: expect ≤ 20; "
                + "send new entries with the next heartbeat or answer, not one AppendEntries per proposal)")
            let idleBefore = cluster.networkStatistics.sent
            cluster.run(for: .seconds(1))
            let idle = cluster.networkStatistics.sent - idleBefore
            let heartbeats = Int(Double(2 * 2) * 1.0 / (Double(cluster.options.heartbeatTicks) * 0.010))
            try test.expect(idle <= heartbeats * 2, "an idle second took \(idle) messages (heartbeats and answers: about \(heartbeats))")
        },
    ]
}
