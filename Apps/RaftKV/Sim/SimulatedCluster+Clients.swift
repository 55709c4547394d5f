import LabCheck
import RaftCore
import RaftKV

/// Key-value clients over the simulated network: sessions with retries (exactly-once writes),
/// redirects to the leader, ReadIndex reads, and the history the linearizability checker verifies.
extension SimulatedCluster {
    /// Starts `count` clients, each doing `operationsEach` operations one after another.
    public func startClients(_ count: Int, operationsEach: Int = .max, workload: Workload = Workload()) {
        self.clients.workload = workload
        self.clients.running = true
        for index in 0..<count {
            let process = self.clients.clients.count
            self.clients.clients.append(.init(process: process, target: self.ids[index % self.ids.count], operationsLeft: operationsEach))
            self.issueNext(process)
        }
    }

    /// Stops the clients: an unanswered write may or may not have happened (`info`), an unanswered read did not matter (`fail`).
    public func stopClients() {
        self.clients.running = false
        for index in self.clients.clients.indices {
            guard let command = self.clients.clients[index].current else { continue }
            if command.operation.isRead {
                self.record { try $0.fail(process: index, time: $1) }
            } else {
                self.record { try $0.info(process: index, time: $1) }
            }
            self.clients.clients[index].current = nil
        }
    }

    /// One scripted operation by a new client, sent to `node` (following redirects); returns its
    /// result, or nil if it got no answer within `limit` (then it is recorded as unknown).
    public func perform(_ operation: RaftKV.KVOperation, via node: NodeID, limit: Duration = .seconds(5)) -> KVResult? {
        let process = self.clients.clients.count
        self.clients.clients.append(.init(process: process, sequence: 1, target: node, operationsLeft: 0))
        self.clients.clients[process].current = KVCommand(client: UInt64(process + 1), sequence: 1, operation: operation)
        self.record { try $0.invoke(process: process, op: Self.checkedOperation(operation), time: $1) }
        self.trace.record(self.now, "client \(process) invokes \(Self.checkedOperation(operation)) via n\(node)")
        self.send(process)
        if !self.run(until: { self.clients.clients[process].current == nil }, limit: limit) {
            if operation.isRead {
                self.record { try $0.fail(process: process, time: $1) }
            } else {
                self.record { try $0.info(process: process, time: $1) }
            }
            self.clients.clients[process].current = nil
            return nil
        }
        return self.clients.clients[process].lastResult
    }

    /// Whether every client has finished its operations.
    public var clientsAreIdle: Bool { self.clients.clients.allSatisfy { $0.current == nil } }

    /// Operations answered so far, redirects followed and timeouts suffered.
    public var clientStatistics: (completed: Int, redirects: Int, timeouts: Int) {
        (self.clients.completed, self.clients.redirects, self.clients.timeouts)
    }

    /// The clients' history (invoke/ok/fail/info events in virtual nanoseconds).
    public var history: History { self.clients.recorder.history }

    // MARK: Client side

    private func issueNext(_ process: Int) {
        guard self.clients.running, self.clients.clients[process].operationsLeft > 0 else { return }
        self.clients.clients[process].operationsLeft -= 1
        self.clients.clients[process].sequence += 1
        let operation = self.randomOperation(for: process)
        self.clients.clients[process].current = KVCommand(
            client: UInt64(process + 1), sequence: self.clients.clients[process].sequence, operation: operation)
        self.record { try $0.invoke(process: process, op: Self.checkedOperation(operation), time: $1) }
        self.trace.record(self.now, "client \(process) invokes \(Self.checkedOperation(operation))")
        self.send(process)
    }

    private func send(_ process: Int) {
        self.clients.clients[process].attempt += 1
        let client = self.clients.clients[process]
        guard let command = client.current else { return }
        let request = ClientRequest(client: process, attempt: client.attempt, command: command)
        for delay in self.network.route(from: Self.endpoint(of: process), to: client.target, bytes: 64) {
            self.events.schedule(.request(request, at: client.target), at: self.now + delay)
        }
        self.events.schedule(.clientTimeout(client: process, attempt: client.attempt), at: self.now + self.clients.workload.timeout)
    }

    func clientReceives(_ reply: ClientReply) {
        let process = reply.client
        guard self.clients.clients[process].current != nil, reply.attempt == self.clients.clients[process].attempt else { return }
        switch reply.outcome {
        case .done(.rejected(let error)):
            self.trace.record(self.now, "client \(process) rejected: \(error)")
            self.record { try $0.fail(process: process, time: $1) }
            self.finishOperation(process)
        case .done(let result):
            self.trace.record(self.now, "client \(process) ok: \(HistoryMapping.output(result))")
            self.clients.clients[process].lastResult = result
            self.record { try $0.ok(process: process, output: HistoryMapping.output(result), time: $1) }
            self.finishOperation(process)
        case .redirect(let leader):
            self.clients.redirects += 1
            self.clients.clients[process].target = leader ?? self.nextNode(after: self.clients.clients[process].target)
            self.events.schedule(.clientRetry(client: process, attempt: reply.attempt), at: self.now + .milliseconds(leader == nil ? 20 : 1))
        }
    }

    private func finishOperation(_ process: Int) {
        self.clients.clients[process].current = nil
        self.clients.completed += 1
        self.issueNext(process)
    }

    func clientTimedOut(_ process: Int, attempt: Int) {
        guard self.clients.clients[process].current != nil, self.clients.clients[process].attempt == attempt else { return }
        self.clients.timeouts += 1
        self.clients.clients[process].target = self.nextNode(after: self.clients.clients[process].target)
        self.send(process)
    }

    func clientRetries(_ process: Int, attempt: Int) {
        guard self.clients.clients[process].current != nil, self.clients.clients[process].attempt == attempt else { return }
        self.send(process)
    }

    // MARK: Node side

    func serve(_ request: ClientRequest, at node: NodeID) {
        guard self.members[node]?.isUp == true else { return }
        let operation = request.command.operation
        if operation.isRead && self.clients.workload.staleReads {
            self.reply(.done(self.members[node]!.store.read(operation)), to: request, from: node)
            return
        }
        do {
            if operation.isRead && type(of: self.members[node]!.core!).capabilities.contains(.readIndex) {
                self.nextReadID += 1
                try self.members[node]!.core!.requestRead(id: self.nextReadID)
                self.clients.pendingReads[node, default: [:]][self.nextReadID] = request
            } else {
                // Writes, and reads of a core without ReadIndex, go through the log: linearizable either way.
                let position = try self.members[node]!.core!.propose(request.command.encoded())
                self.clients.pendingWrites[node, default: [:]][position.index] = (request, position.term)
            }
            self.processReady(of: node)
        } catch {
            if case .notLeader(let leader) = error {
                self.reply(.redirect(leader: leader), to: request, from: node)
            } else {
                self.reply(.redirect(leader: nil), to: request, from: node)
            }
        }
    }

    /// Answers the client whose write was proposed at `entry.index` on this node, if any.
    func answerWrite(at entry: LogEntry, result: KVResult?, on node: NodeID) {
        guard let (request, term) = self.clients.pendingWrites[node]?.removeValue(forKey: entry.index) else { return }
        if entry.term == term, let result {
            self.reply(.done(result), to: request, from: node)
        } else {
            // Another leader's entry took this index: the proposal was lost; the client retries.
            self.reply(.redirect(leader: nil), to: request, from: node)
        }
    }

    /// Serves the reads whose ReadIndex this node's application has reached.
    func serveConfirmedReads(on node: NodeID) {
        let applied = self.members[node]!.appliedIndex
        var waiting: [ReadState] = []
        for read in self.members[node]!.confirmedReads {
            guard read.index <= applied else {
                waiting.append(read)
                continue
            }
            if let request = self.clients.pendingReads[node]?.removeValue(forKey: read.requestID) {
                self.reply(.done(self.members[node]!.store.read(request.command.operation)), to: request, from: node)
            }
        }
        self.members[node]!.confirmedReads = waiting
    }

    private func reply(_ outcome: ClientReply.Outcome, to request: ClientRequest, from node: NodeID) {
        let reply = ClientReply(client: request.client, attempt: request.attempt, outcome: outcome)
        for delay in self.network.route(from: node, to: Self.endpoint(of: request.client), bytes: 64) {
            self.events.schedule(.reply(reply), at: self.now + delay)
        }
    }

    // MARK: Helpers

    /// Clients have network addresses too, so partitions and loss can hit them.
    static func endpoint(of process: Int) -> NodeID { 10_000 + NodeID(process) }

    private func nextNode(after id: NodeID) -> NodeID {
        let index = self.ids.firstIndex(of: id) ?? 0
        return self.ids[(index + 1) % self.ids.count]
    }

    private func record(_ body: (inout HistoryRecorder, Int64) throws -> Int) {
        let time = Int64(self.now.components.seconds) * 1_000_000_000 + self.now.components.attoseconds / 1_000_000_000
        do {
            _ = try body(&self.clients.recorder, time)
        } catch {
            self.safety.record("client history: \(error)")
        }
    }

    private func randomOperation(for process: Int) -> RaftKV.KVOperation {
        let workload = self.clients.workload
        let key = "k\(self.random.next() % UInt64(max(workload.keys, 1)))"
        let value = "\(process + 1).\(self.clients.clients[process].sequence)"
        let roll = Int(self.random.next() % 100)
        switch roll {
        case ..<workload.gets: return .get(key: key)
        case ..<(workload.gets + workload.puts): return .put(key: key, value: value)
        case ..<(workload.gets + workload.puts + workload.appends): return .append(key: key, suffix: value + ";")
        case ..<(workload.gets + workload.puts + workload.appends + workload.cas):
            // Expect a value this client wrote earlier, or nothing, so that some succeed.
            let earlier = self.clients.clients[process].sequence > 1 && self.random.next() % 2 == 0
            return .cas(key: key, expected: earlier ? "\(process + 1).\(self.clients.clients[process].sequence - 1)" : nil, new: value)
        default: return .delete(key: key)
        }
    }

    /// The workload issues single-key operations only, which the checker always maps.
    static func checkedOperation(_ operation: RaftKV.KVOperation) -> LabCheck.KVOperation {
        HistoryMapping.operation(operation)!
    }
}
