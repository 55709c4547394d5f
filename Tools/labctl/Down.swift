import ArgumentParser
import Foundation
import LabControl

/// `labctl down`: stop a topology and its supervisor.
struct Down: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stop every node (dependents first) and the supervisor. Data directories are kept.",
        discussion: "If the supervisor itself is gone (e.g. it was killed), the nodes recorded in state.json are killed directly."
    )

    @OptionGroup var options: TopologyOptions

    func run() async throws {
        do {
            let client = try self.options.client()
            let state = try client.lastState()
            if state.isSupervisorAlive {
                let reply = try? await client.send(ControlRequest(command: .down))
                await Self.waitForExit(of: state.supervisorPID)
                print("labctl: \(state.name): \(reply?.message ?? "topology stopped")")
            } else {
                let orphans = state.nodes.compactMap(\.pid).filter { kill($0, 0) == 0 }
                for pid in orphans { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
                print("labctl: \(state.name): supervisor was not running; killed \(orphans.count) leftover node process(es)")
            }
        } catch {
            throw fail(error)
        }
    }

    private static func waitForExit(of pid: Int32) async {
        let deadline = ContinuousClock.now + .seconds(60)
        while kill(pid, 0) == 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
