import LabNet

/// The control server of a supervisor, running in its own task until stopped.
struct ControlServerHandle: Sendable {
    let port: Int
    private let task: Task<Void, Never>

    static func start(for supervisor: Supervisor) async throws -> ControlServerHandle {
        let server = try await ControlServer.bind(for: supervisor)
        let task = Task<Void, Never> { _ = try? await server.run() }
        return ControlServerHandle(port: server.port, task: task)
    }

    func stop() { self.task.cancel() }
}
