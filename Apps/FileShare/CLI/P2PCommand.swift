import ArgumentParser

/// `p2p`: the P2P lab's one executable (for now the tracker; peers and the client come next).
@main
struct P2PCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "p2p",
        abstract: "A small BitTorrent: a tracker that knows who has which file, peers that move verified pieces.",
        discussion: """
            Start the tracker (REST over HTTP, state in --data/tracker.sqlite):
              p2p tracker --listen 127.0.0.1:7000 --data tracker-data
            Then talk to it with curl (accounts are created on first login):
              curl -s -X POST localhost:7000/login -d '{"username":"ana","password":"s3cret"}'
              curl -s localhost:7000/peers -H "Authorization: Bearer TOKEN"
            labs/p2p/README.md lists every endpoint.
            """,
        subcommands: [TrackerCommand.self]
    )
}
