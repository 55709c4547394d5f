import Foundation
import LabNet

#if canImport(Glibc)
import Glibc
#endif

/// Starts the nodes of a topology in dependency order, watches them, applies restart policies,
/// carries out control commands (stop, kill, restart, pause, resume) and tears everything down.
///
/// Every change is written to the run directory's `state.json` and told to `events` as one
/// human-readable line.
public actor Supervisor {
    public typealias EventSink = @Sendable (String) -> Void

    private let manifest: Manifest
    private let manifestPath: String
    private let runDirectory: RunDirectory
    private let workingDirectory: String
    private let events: EventSink
    private var records: [String: NodeRecord]
    private var phase: TopologyState.Phase = .starting
    private var failure: String?
    private var controlPort: Int?
    private var downWaiters: [CheckedContinuation<Void, Never>] = []
    private let linkSpecs: [LinkSpec]
    private var links: [LinkProxy] = []
    private var linkTask: Task<Void, Never>?
    /// The conditions of every flow between nodes, which the link proxies apply.
    public let faults: FaultTable

    /// Resolves the manifest (executables, ports, templates) without starting anything.
    public init(
        manifest: Manifest,
        manifestURL: URL,
        runDirectory: RunDirectory,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        faultSeed: UInt64 = UInt64.random(in: 0...UInt64.max),
        events: @escaping EventSink
    ) throws {
        let locator = ExecutableLocator(manifestDirectory: manifestURL.deletingLastPathComponent())
        let resolved = try ResolvedNode.resolveAll(manifest, runDirectory: runDirectory, locator: locator)
        self.linkSpecs = resolved.links
        self.faults = FaultTable(seed: faultSeed)
        self.manifest = manifest
        self.manifestPath = manifestURL.path
        self.runDirectory = runDirectory
        self.workingDirectory = workingDirectory
        self.events = events
        self.records = resolved.nodes.mapValues { NodeRecord(resolved: $0) }
    }

    // MARK: Whole topology

    /// Binds every link's proxy and starts relaying, before any node starts.
    private func startLinks() async throws {
        guard !self.linkSpecs.isEmpty else { return }
        var proxies: [LinkProxy] = []
        for spec in self.linkSpecs { proxies.append(try await LinkProxy.bind(spec, faults: self.faults)) }
        let bound = proxies
        self.links = bound
        self.linkTask = Task.detached {
            await withDiscardingTaskGroup { group in
                for proxy in bound { group.addTask { await proxy.serve() } }
            }
        }
        self.events("\(proxies.count) link(s) through labctl: \(proxies.map(\.spec.description).joined(separator: ", "))")
    }

    /// Changes the network between nodes (partition, heal, delay, drop, slow).
    public func changeNetwork(_ change: NetworkChange) throws -> String {
        let names = self.manifest.nodes.map(\.name)
        for node in change.nodes where !names.contains(node) {
            throw ControlError.invalidRequest("no node '\(node)' in this topology (nodes: \(names.joined(separator: ", ")))")
        }
        if self.linkSpecs.isEmpty {
            throw ControlError.invalidRequest("this topology declares no links: give nodes their peers' addresses as {{via.NODE.PORT}} so that their traffic goes through labctl")
        }
        let message = change.apply(to: self.faults, allNodes: names)
        self.events("network: \(message)")
        self.persist()
        return message
    }

    /// Records the port on which this supervisor takes commands.
    public func setControlPort(_ port: Int) {
        self.controlPort = port
        self.persist()
    }

    /// Starts every node in dependency order, each after its dependencies are ready. On the first
    /// failure it stops what it started, records the failure, and throws it.
    public func start() async throws {
        self.persist()
        let clock = ContinuousClock()
        let started = clock.now
        do {
            try await self.startLinks()
            for node in self.manifest.startOrder {
                try await self.launch(node.name)
                try await self.awaitReady(node.name)
            }
        } catch {
            self.failure = String(describing: error)
            self.events("start failed: \(error)")
            await self.shutdown(finalPhase: .failed)
            throw error
        }
        self.phase = .running
        self.persist()
        let count = self.records.count
        self.events("\(count == 1 ? "the node is" : "all \(count) nodes are") ready after \(Self.format(clock.now - started))")
    }

    /// Stops every running node, dependents first, and marks the topology down.
    public func shutdown() async {
        await self.shutdown(finalPhase: .down)
    }

    private func shutdown(finalPhase: TopologyState.Phase) async {
        guard self.phase != .down, self.phase != .stopping else { return }
        self.phase = .stopping
        self.persist()
        for node in self.manifest.startOrder.reversed() where self.records[node.name]?.process != nil {
            await self.terminate(node.name, signal: SIGTERM)
        }
        self.linkTask?.cancel()
        self.linkTask = nil
        self.phase = finalPhase
        self.persist()
        for waiter in self.downWaiters { waiter.resume() }
        self.downWaiters.removeAll()
    }

    /// Returns once the topology has been shut down (by `down`, a signal, or a failed start).
    public func waitUntilDown() async {
        if self.phase == .down || self.phase == .failed { return }
        await withCheckedContinuation { self.downWaiters.append($0) }
    }

    /// A snapshot of the topology for `labctl status`.
    public func state() -> TopologyState {
        TopologyState(
            name: self.manifest.name,
            manifestPath: self.manifestPath,
            phase: self.phase,
            supervisorPID: getpid(),
            controlPort: self.controlPort,
            nodes: self.manifest.nodes.compactMap { self.records[$0.name]?.status },
            failure: self.failure,
            links: self.links.map(\.status),
            faults: self.faults.faults
        )
    }

    // MARK: One node

    /// Sends SIGTERM (then SIGKILL after the grace period) and keeps the node down.
    public func stop(_ name: String) async throws {
        try self.requireNode(name)
        await self.terminate(name, signal: SIGTERM)
    }

    /// Sends SIGKILL, as a crash would, and keeps the node down until `restart`.
    public func kill(_ name: String) async throws {
        try self.requireNode(name)
        await self.terminate(name, signal: SIGKILL)
    }

    /// Stops the node if it runs, starts it again with the same ports and data, and waits until
    /// it is ready.
    public func restart(_ name: String) async throws {
        try self.requireNode(name)
        await self.terminate(name, signal: SIGTERM)
        try await self.launch(name)
        try await self.awaitReady(name)
    }

    /// Freezes the node's processes with SIGSTOP.
    public func pause(_ name: String) throws {
        let record = try self.requireRunning(name)
        ProcessLauncher.signal(SIGSTOP, toGroupOf: record.pid)
        self.records[name]?.phase = .paused
        self.events("\(name): paused (SIGSTOP)")
        self.persist()
    }

    /// Thaws a paused node with SIGCONT.
    public func resume(_ name: String) throws {
        let record = try self.requireRunning(name)
        ProcessLauncher.signal(SIGCONT, toGroupOf: record.pid)
        self.records[name]?.phase = .ready
        self.events("\(name): resumed (SIGCONT)")
        self.persist()
    }

    // MARK: Mechanics

    private func launch(_ name: String) async throws {
        guard var record = self.records[name] else { return }
        record.logOffset = LogReader.size(of: record.resolved.logFile)
        record.generation += 1
        record.phase = .starting
        record.stopRequested = false
        let generation = record.generation
        self.records[name] = record
        let process: LaunchedProcess
        do {
            process = try await ProcessLauncher.launch(record.resolved, workingDirectory: self.workingDirectory)
        } catch {
            self.records[name]?.phase = .failed
            self.persist()
            throw error
        }
        self.records[name]?.process = process
        self.events("\(name): started, pid \(process.pid)")
        self.persist()
        Task { await self.processExited(name, generation: generation, how: await process.exit.value) }
    }

    private func awaitReady(_ name: String) async throws {
        guard let record = self.records[name], let probe = record.resolved.spec.ready else {
            self.markReady(name, after: nil)
            return
        }
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + probe.timeout
        let generation = record.generation
        while true {
            guard let current = self.records[name], current.generation == generation, current.process != nil else {
                let how = self.records[name]?.lastExit ?? "it exited"
                throw ControlError.notReady(node: name, reason: "the process ended before it was ready (\(how))", lastOutput: LogReader.lastLines(of: record.resolved.logFile, count: 15))
            }
            if await ReadinessChecker.isReady(probe.check, node: current.resolved, logOffset: current.logOffset) {
                self.markReady(name, after: clock.now - started)
                return
            }
            guard clock.now < deadline else {
                throw ControlError.notReady(node: name, reason: "its probe \(probe.check) did not pass within \(Self.format(probe.timeout))", lastOutput: LogReader.lastLines(of: record.resolved.logFile, count: 15))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func markReady(_ name: String, after elapsed: Duration?) {
        guard self.records[name]?.phase == .starting else { return }
        self.records[name]?.phase = .ready
        self.events("\(name): ready" + (elapsed.map { " in \(Self.format($0))" } ?? ""))
        self.persist()
    }

    /// Ends the node's process with `signal`; for SIGTERM, escalates to SIGKILL after the grace period.
    private func terminate(_ name: String, signal: Int32) async {
        guard let record = self.records[name], let process = record.process else { return }
        self.records[name]?.stopRequested = true
        ProcessLauncher.signal(signal, toGroupOf: process.pid)
        if record.phase == .paused { ProcessLauncher.signal(SIGCONT, toGroupOf: process.pid) }
        if signal != SIGKILL {
            let exited = await Self.waitForExit(process, within: record.resolved.spec.stopGracePeriod)
            if !exited {
                self.events("\(name): still running \(Self.format(record.resolved.spec.stopGracePeriod)) after SIGTERM; sending SIGKILL")
                ProcessLauncher.signal(SIGKILL, toGroupOf: process.pid)
            }
        }
        let how = await process.exit.value
        self.processExited(name, generation: record.generation, how: how)
    }

    private func processExited(_ name: String, generation: Int, how: ProcessExit) {
        guard var record = self.records[name], record.generation == generation, record.process != nil else { return }
        record.process = nil
        record.lastExit = how.description
        if record.stopRequested {
            record.phase = .stopped
            self.events("\(name): stopped (\(how))")
        } else if record.phase == .starting || self.phase != .running {
            record.phase = .failed
            self.events("\(name): \(how)")
        } else {
            let policy = record.resolved.spec.restart
            let wanted = policy.mode == .always || (policy.mode == .onFailure && how.isFailure)
            if wanted, record.restarts < policy.maximumRestarts {
                record.restarts += 1
                record.phase = .restarting
                let delay = ExponentialBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(5)).delay(afterAttempt: record.restarts)
                self.events("\(name): \(how); restarting (\(record.restarts) of \(policy.maximumRestarts)) in \(Self.format(delay))")
                Task {
                    try? await Task.sleep(for: delay)
                    await self.restartAfterCrash(name, generation: generation)
                }
            } else {
                record.phase = .exited
                let reason = wanted ? "restart budget of \(policy.maximumRestarts) used up" : "restart policy '\(policy.mode.rawValue)'"
                self.events("\(name): \(how); not restarting (\(reason))")
            }
        }
        self.records[name] = record
        self.persist()
    }

    private func restartAfterCrash(_ name: String, generation: Int) async {
        guard let record = self.records[name], record.generation == generation, record.phase == .restarting,
              self.phase == .running else { return }
        do {
            try await self.launch(name)
            try await self.awaitReady(name)
        } catch {
            self.records[name]?.phase = .failed
            self.events("\(name): restart failed: \(error)")
            self.persist()
        }
    }

    /// Whether the process exits within `limit`. (A task group cannot do this race: it would
    /// wait for its exit-watching child, and `Task.value` does not stop on cancellation.)
    private static func waitForExit(_ process: LaunchedProcess, within limit: Duration) async -> Bool {
        let outcome = FirstOutcome()
        return await withCheckedContinuation { continuation in
            outcome.install(continuation)
            Task { _ = await process.exit.value; outcome.resolve(true) }
            Task { try? await Task.sleep(for: limit); outcome.resolve(false) }
        }
    }

    private func requireNode(_ name: String) throws {
        guard self.records[name] != nil else {
            throw ControlError.unknownNode(name, known: self.manifest.nodes.map(\.name))
        }
    }

    private func requireRunning(_ name: String) throws -> LaunchedProcess {
        try self.requireNode(name)
        guard let process = self.records[name]?.process else {
            throw ControlError.invalidRequest("\(name) is not running (\(self.records[name]?.phase.rawValue ?? "unknown"))")
        }
        return process
    }

    private func persist() {
        do {
            try self.runDirectory.write(self.state())
        } catch {
            self.events("cannot write \(self.runDirectory.stateFile.path): \(error)")
        }
    }

    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.1f s", seconds)
    }
}
