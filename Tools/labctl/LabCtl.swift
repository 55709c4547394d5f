import ArgumentParser
import Foundation
import LabControl

/// The course launcher: start a lab topology from a JSON manifest, watch it, break it, stop it.
@main
struct LabCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labctl",
        abstract: "Start, supervise, break and tear down DistLab topologies described by JSON manifests.",
        discussion: """
            A manifest (see labs/manifest.schema.json) names the processes of a lab, their ports \
            ("auto" for one the OS picks), how to tell they are ready, what they depend on, and \
            what to do when they crash. labctl keeps each topology's state under .lab/<name>/: \
            per-node logs and data directories, pids and ports.

            Typical session:
              labctl validate labs/demo/demo.json     check a manifest without starting it
              labctl up labs/demo/demo.json           start it, show output, Ctrl-C stops it
              labctl up --detach labs/demo/demo.json  ... or leave it running in the background
              labctl status                           roles, pids, ports, restarts
              labctl kill store                       SIGKILL a node, as a crash would
              labctl restart store                    bring it back with the same ports and data
              labctl logs store -f                    follow a node's output
              labctl down                             stop everything
            """,
        subcommands: [
            Up.self, Down.self, Status.self, Logs.self, Validate.self,
            Stop.self, Kill.self, Restart.self, Pause.self, Resume.self,
            Partition.self, Heal.self, Delay.self, Drop.self, Slow.self, Run.self, Supervise.self, Exercise.self,
        ]
    )
}

/// Options shared by the commands that act on a topology that is already running.
struct TopologyOptions: ParsableArguments {
    @Option(help: "The folder that holds run directories.")
    var runDir: String = ".lab"

    @Option(help: "Which topology to act on (needed only when several have run here).")
    var topology: String?

    func client() throws -> ControlClient {
        try ControlClient(root: URL(fileURLWithPath: self.runDir), topology: self.topology)
    }
}

/// Prints `error` the way every command reports failures and ends with `code`.
func fail(_ error: any Error, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("labctl: \(error)\n".utf8))
    return ExitCode(code)
}

/// Prints `message` as a failure and ends with `code`.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("labctl: \(message)\n".utf8))
    return ExitCode(code)
}
