import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The life of a supervisor process: start the topology, serve control commands, show output,
/// and tear everything down on `labctl down`, Ctrl-C or SIGTERM.
public enum SupervisorRun {
    /// Runs `manifestURL` under `root` until the topology is down; returns the exit code.
    /// With `showOutput`, node output and events are printed prefixed (the foreground `up`);
    /// otherwise only events are printed (a detached supervisor's log).
    public static func run(manifestURL: URL, root: URL, fresh: Bool, showOutput: Bool) async -> Int32 {
        let manifest: Manifest
        do {
            manifest = try ManifestParser.load(contentsOf: manifestURL)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 2
        }
        let runDirectory = RunDirectory(root: root, topology: manifest.name)
        if let previous = try? runDirectory.readState(), previous.isSupervisorAlive, previous.supervisorPID != getpid() {
            FileHandle.standardError.write(Data("\(ControlError.alreadyRunning(topology: manifest.name, supervisorPID: previous.supervisorPID))\n".utf8))
            return 1
        }
        let console = ConsoleOutput(names: manifest.nodes.map(\.name))
        let events: Supervisor.EventSink = { console.print($0, from: "labctl") }
        let supervisor: Supervisor
        do {
            try runDirectory.prepare(nodes: manifest.nodes.map(\.name), fresh: fresh)
            supervisor = try Supervisor(manifest: manifest, manifestURL: manifestURL, runDirectory: runDirectory, events: events)
        } catch {
            events("cannot start \(manifest.name): \(error)")
            try? runDirectory.write(TopologyState(name: manifest.name, manifestPath: manifestURL.path, phase: .failed, supervisorPID: getpid(), nodes: [], failure: String(describing: error)))
            return 1
        }
        let control: ControlServerHandle
        do {
            control = try await ControlServerHandle.start(for: supervisor)
        } catch {
            events("cannot open the control port: \(error)")
            return 1
        }
        await supervisor.setControlPort(control.port)
        events("run directory \(runDirectory.folder.path); control port \(control.port)")
        let followers = showOutput ? self.followOutput(of: manifest, in: runDirectory, console: console) : []
        let signals = self.stopOnSignals(supervisor, events: events)
        var exitCode: Int32 = 0
        do {
            try await supervisor.start()
            for line in StatusTable.render(await supervisor.state()).split(separator: "\n") {
                console.print(String(line), from: "labctl")
            }
            if showOutput { events("press Ctrl-C to stop the topology") }
        } catch {
            exitCode = 1
        }
        await supervisor.waitUntilDown()
        events("topology \(manifest.name) is down")
        try? await Task.sleep(for: .milliseconds(200))  // let the reply to `labctl down` reach its client
        for follower in followers { follower.cancel() }
        control.stop()
        withExtendedLifetime(signals) {}
        return exitCode
    }

    private static func followOutput(of manifest: Manifest, in runDirectory: RunDirectory, console: ConsoleOutput) -> [Task<Void, Never>] {
        manifest.nodes.map { node in
            let file = runDirectory.logFile(node.name)
            let start = LogReader.size(of: file)
            return Task { await LogReader.follow(file, from: start) { console.print($0, from: node.name) } }
        }
    }

    private static func stopOnSignals(_ supervisor: Supervisor, events: @escaping Supervisor.EventSink) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                events("received signal \(number); stopping the topology")
                Task { await supervisor.shutdown() }
            }
            source.resume()
            return source
        }
    }
}
