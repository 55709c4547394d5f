import ArgumentParser
import FileShareCore
import FileSharePeer
import Foundation
import LabNet

/// `p2p client`: log in, put files on peers, search, and get files from several peers at once.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Use the P2P network: login, put FILE, search TEXT, get NAME|ID, ls, peers — or the seed's menu.",
        discussion: """
            Log in once; the token is kept in ~/.distlab/p2p-session.json ($P2P_SESSION or --session to change it):
              p2p client login --tracker http://127.0.0.1:7000 --username ana --password s3cret
              p2p client put notes.pdf --peer 127.0.0.1:7101 --replicas 3
              p2p client search notes
              p2p client get notes.pdf -o /tmp/notes.pdf
            Without a subcommand, the interactive menu of seed 002 (Login, Logout, Index Files, Get Files, Exit).
            """,
        subcommands: [
            ClientMenu.self, ClientLogin.self, ClientLogout.self, ClientPut.self, ClientSearch.self,
            ClientList.self, ClientGet.self, ClientPeers.self,
        ],
        defaultSubcommand: ClientMenu.self
    )
}

/// Where the client finds its login and the tracker.
struct ClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The tracker's URL (default: the one logged in to, else http://127.0.0.1:7000).", valueName: "url"))
    var tracker: String?

    @Option(help: ArgumentHelp("The file that keeps the login between commands.", valueName: "path"))
    var session: String = ClientSessionFile.defaultPath()

    var saved: ClientSessionFile? { ClientSessionFile.load(from: self.session) }

    var trackerConnection: TrackerConnection {
        TrackerConnection(baseURL: self.tracker ?? self.saved?.tracker ?? "http://127.0.0.1:7000")
    }

    /// A client with the saved token, or a clear error telling how to log in.
    func loggedIn() throws -> P2PClient {
        guard let saved = self.saved else {
            throw ValidationError("not logged in: run `p2p client login --username NAME --password PASSWORD` first")
        }
        return P2PClient(tracker: self.trackerConnection, token: saved.token)
    }
}

struct ClientLogin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Log in (the account is created on first login) and keep the token.")
    @OptionGroup var options: ClientOptions
    @Option(help: "Your user name.") var username: String
    @Option(help: "Your password (or $P2P_PASSWORD).") var password: String?

    func run() async throws {
        guard let password = self.password ?? ProcessInfo.processInfo.environment["P2P_PASSWORD"] else {
            throw ValidationError("give --password or set P2P_PASSWORD")
        }
        let tracker = self.options.trackerConnection
        let reply = try await tracker.login(username: self.username, password: password)
        try ClientSessionFile(tracker: tracker.baseURL, username: self.username, token: reply.token, expiresAt: reply.expiresAt)
            .save(to: self.options.session)
        print(reply.created ? "created account \(self.username) and logged in" : "logged in as \(self.username)", "until \(reply.expiresAt.formatted(.iso8601))")
    }
}

struct ClientLogout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "End the session and forget the token.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let client = try self.options.loggedIn()
        try? await client.tracker.logout(token: client.token)
        ClientSessionFile.remove(at: self.options.session)
        print("logged out")
    }
}

struct ClientPut: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Upload FILE to a peer, which keeps it and copies it until --replicas peers hold it.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "The file to share.") var file: String
    @Option(help: ArgumentHelp("The peer to upload to.", valueName: "host:port")) var peer: String
    @Option(help: "How many peers should hold it (default: the peer's, 2).") var replicas: Int = 0
    @Option(help: "Piece size in bytes (default: the peer's, 1 MiB).") var pieceSize: Int = 0

    func run() async throws {
        guard let peer = HostAndPort(parsing: self.peer) else { throw ValidationError("--peer \(self.peer): expected HOST:PORT") }
        let client = try self.options.loggedIn()
        let size = (try FileManager.default.attributesOfItem(atPath: self.file)[.size] as? Int).map(Int64.init) ?? 0
        let bar = ProgressLine("put", total: size)
        let upload = try await client.upload(self.file, to: peer, replicas: self.replicas, pieceSize: self.pieceSize) { bar.update($0) }
        bar.finish()
        print("stored \(upload.manifest.name) (\(ProgressLine.bytes(upload.manifest.size)), \(upload.manifest.pieces.count) pieces) as \(upload.manifest.id)")
        print("held by: \(upload.holders.joined(separator: ", "))")
        if let warning = upload.warning { print("warning: \(warning)") }
    }
}

struct ClientSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Files whose name contains TEXT (case-insensitive).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "Part of a file name.") var text: String

    func run() async throws {
        let client = try self.options.loggedIn()
        FileTable.print(try await client.tracker.search(self.text, token: client.token))
    }
}

struct ClientList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "Every indexed file, with its live replica count.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let client = try self.options.loggedIn()
        FileTable.print(try await client.tracker.search("", token: client.token))
    }
}

struct ClientPeers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "peers", abstract: "Every live peer.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let client = try self.options.loggedIn()
        let peers = try await client.tracker.peers(token: client.token)
        print("PEER".padding(toLength: 16, withPad: " ", startingAt: 0), "ADDRESS".padding(toLength: 22, withPad: " ", startingAt: 0), "FILES", "LAST SEEN")
        for peer in peers {
            print(peer.id.padding(toLength: 16, withPad: " ", startingAt: 0), peer.address.padding(toLength: 22, withPad: " ", startingAt: 0),
                  String(peer.files).padding(toLength: 5, withPad: " ", startingAt: 0), peer.lastSeen.formatted(.iso8601))
        }
    }
}

struct ClientGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Download a file by name or id from every peer holding it, verifying each piece.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "An exact file name, or a file id.") var file: String
    @Option(name: .shortAndLong, help: "Where to write it (default: its name, here).") var output: String?
    @Flag(help: "Ask peers for zlib-compressed pieces (they compress only files that shrink; pays on slow links and text).")
    var compress = false

    func run() async throws {
        AllocatorTuning.keepPieceBuffersOnTheHeap()
        let pieces = P2PCommand.pieces
        let client = try self.options.loggedIn()
        let manifest = try await client.resolve(self.file)
        let report = try await FileTransfer.get(manifest, to: self.output ?? manifest.name, with: client, compressed: self.compress, pieces: pieces)
        print(FileTransfer.summary(report))
    }
}
