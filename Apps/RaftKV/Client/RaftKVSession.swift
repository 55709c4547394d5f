import LabNet
import LabProto
import RaftKV
import RaftWire
import Synchronization

/// A client session with a raftkv cluster, as etcd's clients work: it talks to the members (or
/// proxies) it was given, follows leader hints, retries through elections with backoff, and numbers
/// its writes so that a write retried after a lost answer is applied exactly once.
///
/// Make one with ``withRaftKVSession(endpoints:clientID:deadline:_:)``, which also runs its connections.
public final class RaftKVSession: Sendable {
    public let clientID: UInt64
    public let deadline: Duration
    private let endpoints: [RaftKVEndpoint]
    private let state = Mutex<(sequence: UInt64, preferred: Int)>((0, 0))

    init(endpoints: [RaftKVEndpoint], clientID: UInt64, deadline: Duration) {
        self.endpoints = endpoints
        self.clientID = clientID
        self.deadline = deadline
    }

    /// Runs `operation` on the cluster and returns its result.
    public func execute(_ operation: KVOperation, consistency: ReadConsistency = .linearizable) async throws(RaftKVClientError) -> KVResult {
        // Refuse bad input here: a write refused before reaching the log must not use up a sequence
        // number, or the session would skip one and the cluster could not tell it from a stale retry.
        do {
            try KVLimits().validate(operation)
        } catch {
            throw .rejected(error.description)
        }
        let sequence = self.state.withLock { state in
            if !operation.isRead { state.sequence += 1 }
            return max(state.sequence, 1)
        }
        let request = KVCommand(client: self.clientID, sequence: sequence, operation: operation).proto(consistency: consistency)
        switch try await self.forward(request) {
        case .result(let result): return result
        case .rejected(let message): throw .rejected(message)
        case .notLeader, .unavailable: preconditionFailure("forward(_:) retries these")
        }
    }

    /// Sends a request (with its own client session) to the leader, following hints and retrying
    /// through elections until the deadline: what `execute` does, and what a proxy does for its clients.
    /// Returns a result or a rejection, never a redirect.
    public func forward(_ request: Distlab_Raftkv_V1_KVRequest) async throws(RaftKVClientError) -> KVReplyOutcome {
        try await self.onLeader { member in
            let outcome = try KVReplyOutcome(proto: try await member.execute(request))
            switch outcome {
            case .result, .rejected: return .done(outcome)
            case .unavailable(let message): return .unavailable(message)
            case .notLeader(_, let address): return .notLeader(address: address)
            }
        }
    }

    /// Runs `call` against the leader: starts with the member that answered last, follows leader
    /// hints, moves on from members that fail or cannot answer, and pauses after each round of all
    /// members (an election takes a few hundred ms), until the session's deadline.
    public func onLeader<Result: Sendable>(
        _ call: (RaftKVEndpoint) async throws -> LeaderCall<Result>
    ) async throws(RaftKVClientError) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        var target = self.state.withLock { $0.preferred }
        var attempt = 0
        var problem = "none"
        while clock.now - start < self.deadline {
            // A cancelled caller (a proxy's client that went away) stops here, not at the deadline.
            guard !Task.isCancelled else { throw .cancelled }
            attempt += 1
            do {
                switch try await call(self.endpoints[target]) {
                case .done(let result):
                    self.state.withLock { $0.preferred = target }
                    return result
                case .rejected(let message):
                    throw RaftKVClientError.rejected(message)
                case .unavailable(let message):
                    problem = "\(self.endpoints[target].address): \(message)"
                    target = (target + 1) % self.endpoints.count
                case .notLeader(let address):
                    problem = "\(self.endpoints[target].address) is not the leader"
                    if let address, let index = self.endpoints.firstIndex(where: { $0.address.description == address }), index != target {
                        target = index
                        continue
                    }
                    target = (target + 1) % self.endpoints.count
                }
            } catch let error as RaftKVClientError {
                throw error
            } catch is CancellationError {
                throw .cancelled
            } catch {
                problem = "\(self.endpoints[target].address): \(error)"
                target = (target + 1) % self.endpoints.count
            }
            if attempt % self.endpoints.count == 0 {
                try? await Task.sleep(for: .milliseconds(min(50 * attempt / self.endpoints.count, 500)))
            }
        }
        throw .unavailable(tried: self.servers, lastProblem: problem, after: self.deadline)
    }

    /// The status of the member at `endpoint` (index into the endpoints given).
    public func status(ofEndpoint index: Int) async throws -> MemberStatusView {
        let reply = try await self.endpoints[index].kv.status(Distlab_Raftkv_V1_StatusRequest())
        return try MemberStatusView(proto: reply)
    }

    /// The endpoint that answered last (the leader, usually).
    public var preferredEndpoint: Int { self.state.withLock { $0.preferred } }

    /// The endpoints this session talks to.
    public var servers: [HostAndPort] { self.endpoints.map(\.address) }

    /// The connection to endpoint `index`, for calls to that member in particular.
    public func endpoint(_ index: Int) -> RaftKVEndpoint { self.endpoints[index] }
}

/// Runs a `RaftKVSession` with `endpoints` for the duration of `body`.
public func withRaftKVSession<Result: Sendable>(
    endpoints: [HostAndPort], clientID: UInt64 = .random(in: 1 ... (UInt64.max >> 1)), deadline: Duration = .seconds(10),
    _ body: (RaftKVSession) async throws -> Result
) async throws -> Result {
    try await withRaftKVConnections(endpoints: endpoints) { connections in
        try await body(connections.session(clientID: clientID, deadline: deadline))
    }
}
