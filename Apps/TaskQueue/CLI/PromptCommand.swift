import TaskQueueCore
import TaskQueueService

/// One line typed at the interactive client's prompt.
enum PromptCommand: Equatable {
    /// A request for the server: `OP TEXT` (a sync submission) or a lookup.
    case send(FrontDoorRequest)
    case help
    case quit
    /// An empty line.
    case nothing

    /// Reads a prompt line: `uppercase hola mundo`, `hash texto`, `status ID`, `result ID`,
    /// `requeue ID`, `stats`, `dead`, `help`, `salir`/`quit`/`exit`. Any other first word is taken
    /// as an operation name, which the server checks (its error lists the operations it knows).
    static func parse(_ line: String) throws(PromptError) -> PromptCommand {
        let trimmed = line.drop(while: \.isWhitespace)
        guard !trimmed.isEmpty else { return .nothing }
        let word = String(trimmed.prefix(while: { !$0.isWhitespace }))
        let rest = String(trimmed.dropFirst(word.count).drop(while: \.isWhitespace))
        switch word {
        case "salir", "quit", "exit": return .quit
        case "help", "?": return .help
        case "stats": return .send(.stats)
        case "dead": return .send(.dead)
        case "status": return .send(.status(id: try self.taskID(rest, for: word)))
        case "result": return .send(.result(id: try self.taskID(rest, for: word)))
        case "requeue": return .send(.requeue(id: try self.taskID(rest, for: word)))
        default: return .send(.submit(TaskSubmission(op: word, data: rest), mode: .sync))
        }
    }

    /// What `help` prints.
    static let helpText = (
        [
            "OP TEXT        run operation OP on TEXT and wait for the result, e.g. uppercase hola mundo",
            "status ID      where task ID is: queued, leased, done or dead",
            "result ID      the result of task ID",
            "stats          how many tasks are ready, delayed, leased, done, dead, retried",
            "dead           the dead-lettered tasks; requeue ID puts one back in the queue",
            "salir, quit    leave (also exit, or end of input)",
            "operations:",
        ] + OperationRegistry.standard.help.map { "  " + $0 }
    ).joined(separator: "\n")

    private static func taskID(_ text: String, for command: String) throws(PromptError) -> String {
        let id = text.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, !id.contains(where: \.isWhitespace) else { throw .needsTaskID(command: command) }
        return id
    }
}

/// A prompt line that cannot be sent.
enum PromptError: Error, CustomStringConvertible {
    case needsTaskID(command: String)

    var description: String {
        switch self {
        case .needsTaskID(let command): return "\(command) takes one task id, e.g. \(command) 3f0c2a4e-…"
        }
    }
}
