import LabTestSupport
import Testing

/// raftkv under labctl's network faults: the leader cut off from the majority (the majority
/// elects another, the old one cannot commit), then healed; the clients' history stays
/// linearizable and no acknowledged write is lost.
@Suite("raftkv partitions")
struct PartitionTests {
    @Test func partitioningTheLeaderFromTheMajorityKeepsTheHistoryLinearizable() async throws {
        try await RaftCluster.with(name: "raft-partition", linked: true) { cluster in
            try await cluster.expectLinearizable { session in
                let leader = try await cluster.leader(in: session)
                try await cluster.network("partition", leader)
                // The majority side elects a leader of its own.
                try await eventually("a node other than \(leader) leads", timeout: .seconds(20)) {
                    for (index, node) in cluster.nodes.enumerated() where node != leader {
                        if let status = try? await session.status(ofEndpoint: index), status.role == .leader { return true }
                    }
                    return false
                }
                try await Task.sleep(for: .milliseconds(500))
                try await cluster.network("heal")
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
