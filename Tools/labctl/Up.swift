import ArgumentParser
import Foundation
import LabControl

/// `labctl up`: start a topology in the foreground or in the background.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start every node of a manifest in dependency order and wait until each is ready.",
        discussion: """
            In the foreground, node output is shown prefixed with the node's name and Ctrl-C stops \
            the whole topology (SIGTERM, then SIGKILL after each node's grace period). With --detach \
            the topology keeps running in the background; use `labctl status` and `labctl down`.
            """
    )

    @Argument(help: "The manifest (JSON) to start.")
    var manifest: String

    @Flag(help: "Leave the topology running in the background and return once it is ready.")
    var detach = false

    @Flag(help: "Delete the data and logs of an earlier run of this topology first.")
    var fresh = false

    @Option(help: "The folder that holds run directories.")
    var runDir: String = ".lab"

    func run() async throws {
        let manifestURL = URL(fileURLWithPath: self.manifest).standardizedFileURL
        let root = URL(fileURLWithPath: self.runDir).standardizedFileURL
        if self.detach {
            throw await DetachedStart.run(manifestURL: manifestURL, root: root, fresh: self.fresh)
        }
        let code = await SupervisorRun.run(manifestURL: manifestURL, root: root, fresh: self.fresh, showOutput: true)
        throw ExitCode(code)
    }
}

/// `labctl supervise`: the background supervisor that `up --detach` starts (not for direct use).
struct Supervise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a topology's supervisor without showing node output (used by `up --detach`).",
        shouldDisplay: false
    )

    @Argument var manifest: String
    @Flag var fresh = false
    @Option var runDir: String = ".lab"

    func run() async throws {
        let code = await SupervisorRun.run(
            manifestURL: URL(fileURLWithPath: self.manifest).standardizedFileURL,
            root: URL(fileURLWithPath: self.runDir).standardizedFileURL,
            fresh: self.fresh,
            showOutput: false
        )
        throw ExitCode(code)
    }
}
