import ArgumentParser
import TaskQueueService

/// `taskqueue client status ID`: where a task is in its life.
struct ClientStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where a task is: queued, leased, done or dead, with its attempts and last error.")

    @OptionGroup var connection: ClientOptions

    @Argument(help: "The task's id.")
    var id: String

    @OptionGroup var output: ReplyOutputOptions

    func run() async throws {
        try self.output.show(try await self.connection.client.send(.status(id: self.id)))
    }
}

/// `taskqueue client result ID`: a task's result, failure, or that it is still pending.
struct ClientResultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "result",
        abstract: "Show a task's result (an error if it is dead, pending if it has not finished).")

    @OptionGroup var connection: ClientOptions

    @Argument(help: "The task's id.")
    var id: String

    @OptionGroup var output: ReplyOutputOptions

    func run() async throws {
        try self.output.show(try await self.connection.client.send(.result(id: self.id)))
    }
}
