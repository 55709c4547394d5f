import ArgumentParser
import TaskQueueService

/// Which server the client talks to; shared by `taskqueue client` and its subcommands.
struct ClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The server's front door.", valueName: "host:port"))
    var server = ServerAddress(host: "127.0.0.1", port: 5001)

    /// A client of that front door.
    var client: FrontDoorClient { FrontDoorClient(host: self.server.host, port: self.server.port) }
}
