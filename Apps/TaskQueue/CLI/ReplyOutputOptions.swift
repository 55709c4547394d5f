import ArgumentParser
import TaskQueueService

/// How the one-shot client commands print their reply.
struct ReplyOutputOptions: ParsableArguments {
    @Flag(help: "Print the server's reply line as received (JSON) instead of text.")
    var json = false

    /// Prints the reply; an error reply makes the command exit with status 1.
    func show(_ answer: (reply: FrontDoorReply, line: String)) throws {
        if self.json {
            print(answer.line)
        } else {
            ReplyText.show(answer.reply)
        }
        if answer.reply.status == .error { throw ExitCode.failure }
    }
}
