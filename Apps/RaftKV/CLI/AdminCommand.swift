import ArgumentParser
import GRPCCore
import GRPCNIOTransportHTTP2
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
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(self.timeout * 1000))
        try await withRaftKVSession(endpoints: endpoints) { session in
            switch self.action {
            case .add:
                try await Self.change(.addLearner(self.id), on: session, until: deadline)
                print("node \(self.id) added as a learner; waiting for it to catch up")
                let membership = try await Self.change(.promote(self.id), on: session, until: deadline)
                print("node \(self.id) is a voter: \(membership)")
            case .remove:
                let membership = try await Self.change(.remove(self.id), on: session, until: deadline)
                print("node \(self.id) removed: \(membership)")
            case .transferLeader:
                try await Self.onLeader(session, until: deadline) { client in
                    var request = Distlab_Raftkv_V1_TransferRequest()
                    request.target = self.id
                    switch try await client.transferLeadership(request).outcome {
                    case .newLeader(let leader): return .done("leadership handed to node \(leader)")
                    case .notLeader(let hint): return .redirect(hint.address)
                    case .rejected(let rejected): return .failed(rejected.message)
                    case nil: return .failed("empty reply")
                    }
                }
            }
        }
    }

    /// Proposes `change` through the leader; retries a promotion until the learner has caught up.
    @discardableResult
    static func change(_ change: MembershipChange, on session: RaftKVSession, until deadline: ContinuousClock.Instant) async throws -> String {
        try await Self.onLeader(session, until: deadline) { client in
            let reply = try await client.changeMembership(MembershipChangeRequest(change: change).proto)
            switch reply.outcome {
            case .membership(let membership): return .done("\(try Membership(proto: membership))")
            case .notLeader(let hint): return .redirect(hint.address)
            case .rejected(let rejected) where rejected.message.contains("caught up") || rejected.message.contains("not committed yet"):
                return .retry(rejected.message)
            case .rejected(let rejected): return .failed(rejected.message)
            case nil: return .failed("empty reply")
            }
        }
    }

    enum Attempt {
        case done(String)
        case redirect(String?)
        case retry(String)
        case failed(String)
    }

    /// Runs `call` on the leader, following hints, retrying until `deadline`.
    @discardableResult
    static func onLeader(
        _ session: RaftKVSession, until deadline: ContinuousClock.Instant,
        _ call: (Distlab_Raftkv_V1_KV.Client<HTTP2ClientTransport.Posix>) async throws -> Attempt
    ) async throws -> String {
        var target = 0
        var problem = "no member answered"
        while ContinuousClock.now < deadline {
            do {
                switch try await call(session.kvClient(ofEndpoint: target)) {
                case .done(let message):
                    print(message)
                    return message
                case .failed(let message):
                    throw ValidationError(message)
                case .retry(let message):
                    problem = message
                    try await Task.sleep(for: .milliseconds(200))
                case .redirect(let address):
                    problem = "\(session.servers[target]) is not the leader"
                    if let address, let index = session.servers.firstIndex(where: { $0.description == address }) {
                        target = index
                    } else {
                        target = (target + 1) % session.servers.count
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
            } catch let error as ValidationError {
                throw error
            } catch {
                problem = "\(session.servers[target]): \(error)"
                target = (target + 1) % session.servers.count
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw ValidationError("gave up: \(problem)")
    }
}
