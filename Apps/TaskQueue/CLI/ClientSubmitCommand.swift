import ArgumentParser
import TaskQueueCore
import TaskQueueService

/// `taskqueue client submit`: submits one task and prints its result, or its id with `--async`.
struct ClientSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit one task and print its result (or only its id, with --async).")

    @OptionGroup var connection: ClientOptions

    @Option(help: "The operation: \(OperationRegistry.standard.names.joined(separator: ", ")).")
    var op = EchoOperation.name

    @Option(help: "The task's data.")
    var data: String

    @Flag(name: .customLong("async"), help: "Return the task's id at once instead of waiting for the result.")
    var returnAtOnce = false

    @Option(help: "An idempotency key: a second submission with the same key returns the first task instead of running again.")
    var key: String?

    @OptionGroup var output: ReplyOutputOptions

    func run() async throws {
        let submission = TaskSubmission(op: self.op, data: self.data, key: self.key)
        try self.output.show(try await self.connection.client.send(.submit(submission, mode: self.returnAtOnce ? .async : .sync)))
    }
}
