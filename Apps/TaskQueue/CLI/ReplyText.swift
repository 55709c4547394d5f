import TaskQueueService

/// Front-door replies as text for people: the result first, then what else the reply says.
enum ReplyText {
    /// Prints `reply`: error replies as `error: …` on stderr, the others on stdout.
    static func show(_ reply: FrontDoorReply) {
        let id = reply.id ?? "?"
        switch reply.status {
        case .error:
            Console.error(reply.message ?? "the server gave no reason")
        case .accepted:
            print("accepted: task \(id)" + (reply.created == false ? " (already submitted with this key; nothing new queued)" : ""))
        case .pending:
            print("pending: task \(id) is still \(reply.state?.rawValue ?? "running"); ask for its result later (result \(id))")
        case .ok:
            print(self.describe(ok: reply, id: id).joined(separator: "\n"))
        }
    }

    /// The lines of an `ok` reply, by what it answers: stats, dead letters, a status or a result.
    private static func describe(ok reply: FrontDoorReply, id: String) -> [String] {
        if let stats = reply.stats {
            return ["ready \(stats.ready) · delayed \(stats.delayed) · leased \(stats.leased) · done \(stats.done) · dead \(stats.dead) · retried \(stats.retried) (depth \(stats.depth))"]
        }
        if let dead = reply.dead {
            if dead.isEmpty { return ["no dead letters"] }
            return dead.map { "\($0.id)  \($0.op)  \(self.attempts($0.attempts))  \($0.lastError)" }
        }
        if let state = reply.state {
            let summary = "task \(id): \(state.rawValue), \(self.attempts(reply.attempts ?? 0))"
            return [summary] + (reply.lastError.map { ["  last error: \($0)"] } ?? [])
        }
        let details = ["task \(id)", reply.worker.map { "worker \($0)" }, reply.attempts.map(self.attempts), reply.artifact]
        return [reply.result ?? "", "  " + details.compactMap { $0 }.joined(separator: " · ")]
    }

    private static func attempts(_ count: Int) -> String { count == 1 ? "1 attempt" : "\(count) attempts" }
}
