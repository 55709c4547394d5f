import LabCheck
import LabNet
import LabRandom
import RaftKV
import RaftKVClient
import RaftSim
import RaftWire

/// Closed-loop clients doing random get/put/append/cas on a few keys against a running raftkv
/// cluster, recording every operation in a shared history for the linearizability checker.
/// Used by `raftkv workload` (and so by `labctl run` scenarios) and by the process tests.
public struct KVWorkload: Sendable {
    /// The keys the clients touch: few, so that operations conflict.
    public static let keys = ["a", "b", "c"]

    public var endpoints: [HostAndPort]
    public var seed: UInt64
    /// When set, reads are stale: each client reads from one member (client i from member
    /// i mod n) out of its local state, without ReadIndex — the anomaly the checker must catch.
    public var staleReads = false
    /// How long one operation may retry through elections before it counts as failed.
    public var deadline: Duration = .seconds(4)

    public init(endpoints: [HostAndPort], seed: UInt64) {
        self.endpoints = endpoints
        self.seed = seed
    }

    /// Runs client number `client` until `stop` is raised; returns how many operations completed.
    public func run(client: Int, recorder: SharedHistoryRecorder, until stop: StopFlag) async throws -> Int {
        var random = SplitMix64(seed: self.seed &+ UInt64(client))
        var process = client
        var completed = 0
        let staleEndpoint = client % self.endpoints.count
        try await withRaftKVSession(endpoints: self.endpoints, deadline: self.deadline) { session in
            var step = 0
            while !stop.isRaised {
                step += 1
                let key = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
                let value = "\(client).\(step)"
                let operation: RaftKV.KVOperation = switch random.next() % 4 {
                case 0: .get(key: key)
                case 1: .put(key: key, value: value)
                case 2: .append(key: key, suffix: value + ";")
                default: .cas(key: key, expected: nil, new: value)
                }
                _ = try recorder.invoke(process: process, op: HistoryMapping.operation(operation)!)
                do {
                    let result = self.staleReads && operation.isRead
                        ? try await Self.staleRead(operation, at: staleEndpoint, in: session)
                        : try await session.execute(operation)
                    _ = try recorder.ok(process: process, output: HistoryMapping.output(result))
                    completed += 1
                } catch {
                    if operation.isRead {
                        _ = try recorder.fail(process: process)
                    } else {
                        // Unknown outcome: the write may have been applied. Its process is retired.
                        _ = try recorder.info(process: process)
                        process += 10
                    }
                }
            }
        }
        return completed
    }

    /// Reads every key once more, as processes 100+, after the clients stopped: an acknowledged
    /// write that was lost shows up here.
    public func readBack(recorder: SharedHistoryRecorder) async throws {
        try await withRaftKVSession(endpoints: self.endpoints, deadline: self.deadline) { session in
            for (index, key) in Self.keys.enumerated() {
                _ = try recorder.invoke(process: 100 + index, op: .get(key: key))
                let result = try await session.execute(.get(key: key))
                _ = try recorder.ok(process: 100 + index, output: HistoryMapping.output(result))
            }
        }
    }

    private static func staleRead(_ operation: RaftKV.KVOperation, at endpoint: Int, in session: RaftKVSession) async throws -> KVResult {
        let request = KVCommand(client: 0, sequence: 0, operation: operation).proto(consistency: .stale)
        switch try KVReplyOutcome(proto: try await session.endpoint(endpoint).execute(request)) {
        case .result(let result): return result
        case .rejected(let message), .unavailable(let message): throw RaftKVClientError.rejected(message)
        case .notLeader: throw RaftKVClientError.rejected("a stale read was redirected")
        }
    }
}
