import ArgumentParser
import Foundation
import LabNet
import RaftKVClient

/// `raftkv bench`: closed-loop clients against a raftkv cluster (or etcd, for comparison), writes
/// then linearizable reads at each concurrency level; reports ops/s and latency percentiles.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure writes/s, reads/s and latency of a raftkv cluster (or etcd) under concurrent clients.",
        discussion: """
            For each --clients level, that many clients each send puts back to back (the next when the \
            previous one is acknowledged) for --duration seconds, then linearizable gets for as long. \
            Keys are 8 bytes, values 256 bytes, as in etcd's published benchmark. Each raftkv client is \
            a session of its own (own client id, follows leader hints, as etcd's clients do); all \
            share one gRPC connection (and one request stream) per server. Give the members' client \
            ports (or a proxy) with --server; without it, a 3-node cluster of `raftkv node` processes \
            is started on free loopback ports, durable as always, with its data in a temporary folder.

            --target etcd drives etcd with the same clients, through etcd's own gRPC API \
            (etcdserverpb.KV Put and Range, linearizable) on the same gRPC stack; client i talks to \
            --server number i modulo their count.

              raftkv bench
              raftkv bench --server 127.0.0.1:8001 --server 127.0.0.1:8002 --server 127.0.0.1:8003
              raftkv bench --target etcd --server 127.0.0.1:2379 --clients 16 --duration 5
            """
    )

    /// The longest phase accepted, in seconds.
    static let maximumDuration: Double = 120

    @Option(help: "What to measure: raftkv or etcd.")
    var target: BenchTarget = .raftkv

    @Option(name: .customLong("server"), help: "A member's client address or a proxy, HOST:PORT (repeat for each).")
    var servers: [HostAndPortArgument] = []

    @Option(help: "Concurrency levels, comma-separated (each 1-1024).")
    var clients = "1,16,64"

    @Option(help: "Seconds of each phase (writes, then reads) per level (at most 120).")
    var duration: Double = 10

    @Option(help: "Also write the report as JSON to this file.")
    var json: String?

    /// The concurrency levels of --clients.
    private var levels: [Int] { self.clients.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        guard !self.levels.isEmpty, self.levels.count == self.clients.split(separator: ",").count, self.levels.allSatisfy({ (1...1024).contains($0) })
        else { throw ValidationError("--clients must be comma-separated numbers 1-1024, e.g. 1,16,64") }
        guard self.duration > 0, self.duration <= Self.maximumDuration else {
            throw ValidationError("--duration must be more than 0 and at most \(Int(Self.maximumDuration)) seconds")
        }
        guard self.target == .raftkv || !self.servers.isEmpty else { throw ValidationError("--target etcd needs --server") }
    }

    func run() async throws {
        var endpoints = self.servers.map(\.value)
        let cluster = endpoints.isEmpty ? try BenchCluster() : nil
        defer { cluster?.stop() }
        if let cluster {
            endpoints = cluster.endpoints
            print("raftkv bench: started a 3-node cluster, clients on \(endpoints.map(\.description).joined(separator: ", "))")
        }
        var report = BenchReport(target: self.target.rawValue, servers: endpoints.map(\.description), duration: self.duration)
        switch self.target {
        case .raftkv: report.rows = try await self.measureRaftKV(endpoints)
        case .etcd: report.rows = try await self.measureEtcd(endpoints)
        }
        print("== \(report.target) on \(report.servers.joined(separator: ", ")), \(self.duration) s per phase")
        print(report.table)
        if let path = self.json {
            try report.json().write(to: URL(fileURLWithPath: path))
        }
    }

    /// Sessions over one shared set of connections; the first write waits for a leader.
    private func measureRaftKV(_ endpoints: [HostAndPort]) async throws -> [BenchReport.Row] {
        try await withRaftKVConnections(endpoints: endpoints) { connections in
            try await RaftKVBenchClient(session: connections.session(deadline: .seconds(30))).put(key: BenchPhase.key(0), value: BenchPhase.value)
            return await self.measure { _ in RaftKVBenchClient(session: connections.session(deadline: .seconds(5))) }
        }
    }

    /// One gRPC connection per etcd member; client i uses member i modulo their count.
    private func measureEtcd(_ endpoints: [HostAndPort]) async throws -> [BenchReport.Row] {
        try await Self.withEtcdClients(endpoints[...]) { members in
            try await members[0].put(key: BenchPhase.key(0), value: BenchPhase.value)
            return await self.measure { members[$0 % members.count] }
        }
    }

    /// Connects an etcd client to each of `endpoints` for the duration of `body`.
    private static func withEtcdClients<Result: Sendable>(
        _ endpoints: ArraySlice<HostAndPort>, made: [any BenchClient] = [], _ body: ([any BenchClient]) async throws -> Result
    ) async throws -> Result {
        guard let endpoint = endpoints.first else { return try await body(made) }
        return try await GRPCClientConnection(host: endpoint.host, port: endpoint.port).withClient { client in
            try await Self.withEtcdClients(endpoints.dropFirst(), made: made + [EtcdBenchClient(client: client)], body)
        }
    }

    /// Every level's write phase, then its read phase, with progress each second.
    private func measure(client: (Int) -> any BenchClient) async -> [BenchReport.Row] {
        var rows: [BenchReport.Row] = []
        for clients in self.levels {
            var samples: [BenchPhase.Sample] = []
            for kind in [BenchPhase.Kind.writes, .reads] {
                let phase = BenchPhase(kind: kind, clients: clients, duration: .milliseconds(Int64(self.duration * 1000)))
                samples.append(
                    await phase.run(client: client) { second, rate, errors in
                        let kind = kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                        print(String(format: "%4d clients  %@  %3d s  %7d ops/s  %d errors", clients, kind, second, rate, errors))
                        fflush(nil)
                    })
            }
            rows.append(BenchReport.Row(clients: clients, writes: samples[0], reads: samples[1]))
        }
        return rows
    }
}

/// The store `raftkv bench` measures.
enum BenchTarget: String, ExpressibleByArgument, CaseIterable, Sendable {
    case raftkv, etcd
}
