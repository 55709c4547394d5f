import ArgumentParser

/// `taskqueue client`: the seed's interactive prompt, or one request per run with a subcommand.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Talk to a taskqueue server: an interactive prompt, or one request with a subcommand.",
        discussion: """
            Without a subcommand, reads commands from the terminal (or from piped input):
              uppercase hola mundo   hash texto   echo x   (an operation, then its data)
              status ID   result ID   stats   dead   requeue ID   help   salir/quit
            One-shot use, for scripts (an error reply exits with status 1):
              taskqueue client submit --op hash --data x [--async] [--key K] [--json]
              taskqueue client status ID [--json]
              taskqueue client result ID [--json]
            """,
        subcommands: [ClientSubmitCommand.self, ClientStatusCommand.self, ClientResultCommand.self]
    )

    @OptionGroup var connection: ClientOptions

    func run() async throws {
        await InteractiveClient(client: self.connection.client, server: self.connection.server).run()
    }
}
