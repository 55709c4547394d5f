import ArgumentParser
import LabNet
import LabProto
import RaftCore
import RaftKVClient
import RaftWire

/// `raftkv admin`: membership changes and leadership transfer on a running cluster.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Change a running cluster: add or remove a member, move the leadership.",
        discussion: """
            add ID              add server ID (started with `raftkv node --id ID --join`, and known to every \
            node through --spare) as a learner, wait until it has caught up, then make it a voter
            remove ID           remove a member (the leader too: it hands over once the change commits)
            transfer-leader ID  make member ID the leader now (for maintenance of the current one)
            """
    )

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case add, remove
        case transferLeader = "transfer-leader"
    }

    @Argument(help: "add, remove or transfer-leader.")
    var action: Action

    @Argument(help: "The server's id.")
    var id: NodeID

    @Option(name: .customLong("server"), help: "A member's client address, HOST:PORT (repeat for each).")
    var servers: [HostAndPortArgument] = [8001, 8002, 8003].map { HostAndPortArgument(HostAndPort(host: "127.0.0.1", port: $0)) }

    @Option(help: "Seconds to keep trying.")
    var timeout = 30.0

    func run() async throws {
        let endpoints = self.servers.map(\.value)
        try await withRaftKVSession(endpoints: endpoints, deadline: .milliseconds(Int(self.timeout * 1000))) { session in
            switch self.action {
            case .add:
                let learners = try await Self.change(.addLearner(self.id), on: session)
                print("node \(self.id) added as a learner (\(learners)); waiting for it to catch up")
                print("node \(self.id) is a voter: \(try await Self.change(.promote(self.id), on: session))")
            case .remove:
                print("node \(self.id) removed: \(try await Self.change(.remove(self.id), on: session))")
            case .transferLeader:
                let leader = try await session.onLeader { member -> LeaderCall<NodeID> in
                    var request = Distlab_Raftkv_V1_TransferRequest()
                    request.target = self.id
                    switch try await member.kv.transferLeadership(request).outcome {
                    case .newLeader(let leader): return .done(leader)
                    case .notLeader(let hint): return .notLeader(address: hint.address)
                    case .rejected(let rejected): return .rejected(rejected.message)
                    case nil: return .unavailable("empty reply")
                    }
                }
                print("leadership handed to node \(leader)")
            }
        }
    }

    /// Proposes `change` through the leader and returns the new membership. A promotion is retried
    /// until the learner has caught up (the leader refuses it before), as is a change that waits for
    /// the previous one to commit.
    static func change(_ change: MembershipChange, on session: RaftKVSession) async throws -> Membership {
        try await session.onLeader { member -> LeaderCall<Membership> in
            let reply = try await member.kv.changeMembership(MembershipChangeRequest(change: change).proto)
            switch reply.outcome {
            case .membership(let membership): return .done(try Membership(proto: membership))
            case .notLeader(let hint): return .notLeader(address: hint.address)
            case .rejected(let rejected) where rejected.message.contains("caught up") || rejected.message.contains("not committed yet"):
                try await Task.sleep(for: .milliseconds(200))
                return .unavailable(rejected.message)
            case .rejected(let rejected): return .rejected(rejected.message)
            case nil: return .unavailable("empty reply")
            }
        }
    }
}
