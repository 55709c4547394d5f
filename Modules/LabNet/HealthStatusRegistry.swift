import LabProto
import Synchronization

/// The status that the standard gRPC health protocol reports for a service:
/// `.serving`, `.notServing`, `.unknown`, or `.serviceUnknown` (Watch only).
public typealias ServingStatus = Grpc_Health_V1_HealthCheckResponse.ServingStatus

/// The serving status of each service of one server: what its health service answers.
///
/// The empty name `""` stands for the server as a whole; it starts as `.serving`. Use the
/// fully-qualified service name (e.g. `"raftkv.v1.Raft"`) for one service. Statuses can be set
/// from any task or thread; every open Watch sees each change.
///
/// Once ``enterTerminalState()`` has been called (the server is shutting down), every service
/// reads `.notServing`, open watches end, and later ``setStatus(_:forService:)`` calls are ignored.
public final class HealthStatusRegistry: Sendable {
    private struct Watcher {
        let service: String
        let continuation: AsyncStream<ServingStatus>.Continuation
    }

    private struct State {
        var statuses: [String: ServingStatus] = ["": .serving]
        var watchers: [Int: Watcher] = [:]
        var nextWatcherID = 0
        var isTerminal = false

        /// Records `status` for `service` and tells its watchers, if it is a change.
        mutating func update(_ status: ServingStatus, forService service: String) {
            guard !self.isTerminal, self.statuses[service] != status else { return }
            self.statuses[service] = status
            for watcher in self.watchers.values where watcher.service == service {
                watcher.continuation.yield(status)
            }
        }
    }

    private let state = Mutex(State())

    /// Makes a registry in which only the server as a whole (`""`) is known, as `.serving`.
    public init() {}

    /// Sets the status of `service` (`""`: the whole server) and tells its watchers if it changed.
    public func setStatus(_ status: ServingStatus, forService service: String = "") {
        self.state.withLock { $0.update(status, forService: service) }
    }

    /// The current status of `service`, or `nil` if no status was ever set for it.
    public func status(forService service: String) -> ServingStatus? {
        self.state.withLock { $0.statuses[service] }
    }

    /// Marks every service `.notServing` for good and ends every open watch.
    ///
    /// ``GRPCServerHost`` calls this when it begins a graceful shutdown, so that clients learn
    /// the server is going away and Watch streams don't hold the shutdown up.
    public func enterTerminalState() {
        let continuations = self.state.withLock { state in
            state.isTerminal = true
            for service in state.statuses.keys {
                state.statuses[service] = .notServing
            }
            let watchers = state.watchers.values
            state.watchers.removeAll()
            return watchers.map(\.continuation)
        }
        for continuation in continuations {
            continuation.yield(.notServing)
            continuation.finish()
        }
    }

    /// Sets `status` for `service` unless the service already has one.
    func setStatusIfAbsent(_ status: ServingStatus, forService service: String) {
        self.state.withLock { state in
            if state.statuses[service] == nil {
                state.update(status, forService: service)
            }
        }
    }

    /// The status of `service` now (`.serviceUnknown` if it has none), then each later change.
    ///
    /// A consumer that falls behind sees only the newest status. The sequence ends when the
    /// registry enters its terminal state or when the consuming task is cancelled.
    func updates(forService service: String) -> AsyncStream<ServingStatus> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ServingStatus.self,
            bufferingPolicy: .bufferingNewest(1)
        )
        let id: Int? = self.state.withLock { state in
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            guard !state.isTerminal else { return nil }
            let id = state.nextWatcherID
            state.nextWatcherID += 1
            state.watchers[id] = Watcher(service: service, continuation: continuation)
            return id
        }
        if let id {
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { _ = $0.watchers.removeValue(forKey: id) }
            }
        } else {
            continuation.finish()
        }
        return stream
    }
}
