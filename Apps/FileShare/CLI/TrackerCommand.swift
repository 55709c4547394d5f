import ArgumentParser
import FileShareTracker
import Foundation
import LabNet
import Synchronization

/// `p2p tracker`: the REST tracker (accounts, index, search, peer liveness) over SQLite.
struct TrackerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracker",
        abstract: "Run the tracker: logins, the file index, search and peer heartbeats over HTTP/JSON.",
        discussion: """
            Every call except POST /login and GET /health needs `Authorization: Bearer TOKEN` from POST /login. Accounts are created on first login; a wrong password for an existing account is 401, and after 5 failures in a row a username must wait 1 s, 2 s, 4 s... (429).

            Peers announce the files they hold with POST /index and must POST /heartbeat more often than --peer-ttl seconds, or they are dropped and their files' replica counts go down. A peer that quits on purpose sends POST /leave and is removed at once.

            Every file should be held by --replicas live peers. The tracker never calls peers: when a file has fewer holders, the reply to a heartbeat from its holder with the smallest id lists the file and the least loaded peers that should receive a copy.

            State (accounts, sessions, peers, files) lives in --data/tracker.sqlite and survives restarts. labs/p2p/README.md lists every endpoint with curl examples.

            Example:
              p2p tracker --listen 127.0.0.1:7000 --data tracker-data --peer-ttl 10 --replicas 3
            """
    )

    @Option(help: ArgumentHelp("Address to serve HTTP on.", valueName: "host:port"))
    var listen: String = "127.0.0.1:7000"

    @Option(help: "Folder for the tracker's database (tracker.sqlite).")
    var data: String = "tracker-data"

    @Option(help: "Seconds a session token stays valid after login.")
    var sessionTTL: Double = 3_600

    @Option(help: "Seconds without a heartbeat after which a peer is dropped.")
    var peerTTL: Double = 30

    @Option(help: ArgumentHelp("Live peers that should hold every file (1-16); heartbeat replies ask holders to copy files that have fewer.", valueName: "n"))
    var replicas: Int = 2

    func validate() throws {
        guard HostAndPort(parsing: self.listen) != nil else {
            throw ValidationError("--listen \(self.listen): expected HOST:PORT, e.g. 127.0.0.1:7000")
        }
        guard self.sessionTTL > 0 else { throw ValidationError("--session-ttl must be positive") }
        guard self.peerTTL > 0 else { throw ValidationError("--peer-ttl must be positive") }
        guard ReplicationPlan.factors.contains(self.replicas) else {
            throw ValidationError("--replicas \(self.replicas): expected how many peers should hold each file, between \(ReplicationPlan.factors.lowerBound) and \(ReplicationPlan.factors.upperBound)")
        }
    }

    func run() async throws {
        guard let address = HostAndPort(parsing: self.listen) else { throw ExitCode.validationFailure }
        let tracker = try Tracker(directory: self.data, configuration: TrackerConfiguration(sessionTTL: self.sessionTTL, peerTTL: self.peerTTL, replicas: self.replicas))
        let data = self.data
        let failure = Mutex<(any Error)?>(nil)
        let signal = await StopSignals.run {
            do {
                try await TrackerServer.run(tracker: tracker, host: address.host, port: address.port) { port in
                    print("p2p tracker: listening on http://\(HostAndPort(host: address.host, port: port)), state in \(data)/\(Tracker.databaseName)")
                    fflush(nil)
                }
            } catch is CancellationError {
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) {
            FileHandle.standardError.write(Data("p2p tracker: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if let signal { print("p2p tracker: stopped by signal \(signal)") }
    }
}
