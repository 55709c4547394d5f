import LabTestSupport
import Testing

/// raftkv as real processes: killing the leader under load loses no acknowledged write, and the
/// clients' history is linearizable.
@Suite("raftkv failover")
struct FailoverTests {
    @Test func killingTheLeaderUnderLoadKeepsTheHistoryLinearizable() async throws {
        try await RaftCluster.with(name: "raft-failover") { cluster in
            try await cluster.expectLinearizable { session in
                let leader = try await cluster.leader(in: session)
                try await Task.sleep(for: .milliseconds(700))
                try await cluster.kill(leader)
                try await Task.sleep(for: .milliseconds(1500))
                try await cluster.restart(leader)
                try await Task.sleep(for: .milliseconds(700))
            }
        }
    }
}
