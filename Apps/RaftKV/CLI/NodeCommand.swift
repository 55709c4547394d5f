import ArgumentParser
import Foundation
import LabNet
import Logging
import RaftCore
import RaftKVNode
import Synchronization

/// `raftkv node`: one Raft member as a process.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run one member of a raftkv cluster.",
        discussion: """
            Every member is listed with --member ID=PEERHOST:PORT/CLIENTHOST:PORT, this node included; \
            members talk Raft on their peer port and serve clients on their client port. State is kept \
            in --data-dir and survives kill -9; a restarted node recovers from it and rejoins.

              raftkv node --id 1 --cluster demo --data-dir data/n1 \\
                --member 1=127.0.0.1:7001/127.0.0.1:8001 \\
                --member 2=127.0.0.1:7002/127.0.0.1:8002 \\
                --member 3=127.0.0.1:7003/127.0.0.1:8003
            """
    )

    @Option(help: "This node's id (a member's ID in --member).")
    var id: NodeID

    @Option(help: "The cluster's name; data directories and peers of another cluster are refused.")
    var cluster = "raftkv"

    @Option(name: .customLong("member"), help: "A member: ID=PEERHOST:PORT/CLIENTHOST:PORT (repeat for each).")
    var members: [MemberEndpointsArgument]

    @Option(name: .customLong("spare"), help: "A server that may be added later with `raftkv admin add`: ID=PEERHOST:PORT/CLIENTHOST:PORT.")
    var spares: [MemberEndpointsArgument] = []

    @Option(help: "Where this node keeps its log, vote and snapshots.")
    var dataDir: String

    @Option(help: "Milliseconds per Raft tick.")
    var tickMs = 20

    @Option(help: "Ticks without a leader before an election (randomized up to twice this).")
    var electionTicks = 10

    @Option(help: "Ticks between a leader's heartbeats.")
    var heartbeatTicks = 2

    @Option(help: "Snapshot and compact the log every N applied entries.")
    var snapshotInterval = 10_000

    @Flag(help: "Join a running cluster (after `raftkv admin add`) instead of bootstrapping a new one.")
    var join = false

    mutating func validate() throws {
        let all = (self.members + self.spares).map(\.value.id)
        guard all.contains(self.id) else {
            throw ValidationError("--id \(self.id) is not among the --member (or --spare) entries; list every member, this one included")
        }
        guard Set(all).count == all.count else { throw ValidationError("two --member/--spare entries have the same id") }
        if self.spares.contains(where: { $0.value.id == self.id }) && !self.join {
            throw ValidationError("node \(self.id) is a --spare: start it with --join, then add it with `raftkv admin add \(self.id)`")
        }
        guard self.tickMs > 0, self.electionTicks > self.heartbeatTicks, self.heartbeatTicks > 0 else {
            throw ValidationError("need --tick-ms > 0 and --election-ticks > --heartbeat-ticks > 0")
        }
    }

    func run() async throws {
        var logger = Logger(label: "raftkv.node.\(self.id)")
        logger.logLevel = .info
        let configuration = NodeConfiguration(
            id: self.id, clusterID: self.cluster, members: self.members.map(\.value), spares: self.spares.map(\.value),
            dataDirectory: self.dataDir,
            tickInterval: .milliseconds(self.tickMs), electionTicks: self.electionTicks, heartbeatTicks: self.heartbeatTicks,
            snapshotInterval: self.snapshotInterval, join: self.join, core: RaftKVCommand.core)
        let server = RaftKVNodeServer(configuration: configuration, logger: logger)
        let failure = Mutex<(any Error)?>(nil)
        let signal = await StopSignals.run {
            do { try await server.run() } catch { failure.withLock { $0 = error } }
        }
        if let error = failure.withLock({ $0 }) {
            throw error
        }
        if let signal { logger.info("stopped by signal \(signal)") }
    }
}

/// `ID=PEERHOST:PORT/CLIENTHOST:PORT` on the command line.
struct MemberEndpointsArgument: ExpressibleByArgument {
    var value: MemberEndpoints

    init?(argument: String) {
        guard let value = MemberEndpoints(parsing: argument) else { return nil }
        self.value = value
    }
}
