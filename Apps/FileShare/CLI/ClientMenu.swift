import ArgumentParser
import FileShareCore
import FileSharePeer
import Foundation
import LabNet

/// The interactive menu of seed 002: Login, Logout, Index Files (put a file on a peer), Get Files
/// (search, pick, download), Exit.
struct ClientMenu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "menu", abstract: "The interactive menu (the default).")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        while true {
            print("\n1. Login\n2. Logout\n3. Index Files\n4. Get Files\n5. Exit")
            guard let choice = Self.ask("Enter your choice") else { return }
            do {
                switch choice.lowercased() {
                case "1", "login": try await self.login()
                case "2", "logout": try await self.logout()
                case "3", "index", "put": try await self.index()
                case "4", "get": try await self.get()
                case "5", "exit", "quit", "salir": return
                default: print("choose 1 to 5")
                }
            } catch {
                print("error: \(error)")
            }
        }
    }

    private func login() async throws {
        guard let username = Self.ask("username"), let password = Self.askSecret("password") else { return }
        let tracker = self.options.trackerConnection
        let reply = try await tracker.login(username: username, password: password)
        try ClientSessionFile(tracker: tracker.baseURL, username: username, token: reply.token, expiresAt: reply.expiresAt).save(to: self.options.session)
        print(reply.created ? "account \(username) created; logged in" : "logged in as \(username)")
    }

    private func logout() async throws {
        let client = try self.options.loggedIn()
        try? await client.tracker.logout(token: client.token)
        ClientSessionFile.remove(at: self.options.session)
        print("logged out")
    }

    private func index() async throws {
        let client = try self.options.loggedIn()
        guard let path = Self.ask("file to share"), let peerText = Self.ask("peer (HOST:PORT)") else { return }
        guard let peer = HostAndPort(parsing: peerText) else { throw ValidationError("\(peerText) is not HOST:PORT") }
        let upload = try await client.upload(path, to: peer)
        print("indexed \(upload.manifest.name) as \(upload.manifest.id), held by \(upload.holders.joined(separator: ", "))")
        if let warning = upload.warning { print("warning: \(warning)") }
    }

    private func get() async throws {
        let client = try self.options.loggedIn()
        let found = try await client.tracker.search(Self.ask("search (empty: everything)") ?? "", token: client.token)
        guard !found.isEmpty else { return print("no files") }
        for (number, file) in found.enumerated() {
            print("\(number + 1). \(file.name) (\(ProgressLine.bytes(file.size)), \(file.replicas) replica(s))")
        }
        guard let pick = Self.ask("file number").flatMap(Int.init), found.indices.contains(pick - 1) else { return print("no such number") }
        let manifest = try await client.resolve(found[pick - 1].id)
        let output = Self.ask("save as (empty: \(manifest.name))").flatMap { $0.isEmpty ? nil : $0 } ?? manifest.name
        print(FileTransfer.summary(try await FileTransfer.get(manifest, to: output, with: client, pieces: P2PCommand.pieces)))
    }

    private static func ask(_ prompt: String) -> String? {
        print("\(prompt): ", terminator: "")
        fflush(nil)
        return readLine()?.trimmingCharacters(in: .whitespaces)
    }

    private static func askSecret(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1, let secret = getpass("\(prompt): ") else { return Self.ask(prompt) }
        return String(cString: secret)
    }
}
