import Hummingbird
import NIOCore

/// The tracker as an HTTP application on `host:port` (port 0: the OS chooses).
public enum TrackerServer {
    /// An application serving `tracker`; `onRunning` receives the bound port.
    public static func application(
        tracker: Tracker, host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: TrackerRoutes.router(for: tracker),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "p2p-tracker"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }

    /// Serves `tracker` and sweeps silent peers until the task is cancelled.
    public static func run(
        tracker: Tracker, host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let application = Self.application(tracker: tracker, host: host, port: port, onRunning: onRunning)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService(gracefulShutdownSignals: []) }
            group.addTask { try await tracker.runSweeper() }
            try await group.next()
            group.cancelAll()
        }
    }
}
