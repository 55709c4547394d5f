import ArgumentParser
import Foundation
import LabNet
import RaftKV
import RaftKVClient
import RaftWire

/// `raftkv client`: one-shot commands or the interactive prompt.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Talk to a raftkv cluster: one command, or an interactive prompt without one.",
        discussion: """
            Give every member's client address (or proxies) with --server; the client finds the \
            leader by itself and retries through elections.

              raftkv client put greeting hola
              raftkv client get greeting
              raftkv client cas greeting hola adios
              raftkv client status
              raftkv client                       (prompt; `help` lists the commands)

            \(ClientCommandLine.usage)
            """
    )

    @Option(name: .customLong("server"), help: "A member's client address or a proxy, HOST:PORT (repeat for each).")
    var servers: [HostAndPortArgument] = [8001, 8002, 8003].map { HostAndPortArgument(HostAndPort(host: "127.0.0.1", port: $0)) }

    @Option(help: "Seconds to keep retrying an operation before giving up.")
    var timeout = 10.0

    @Argument(parsing: .captureForPassthrough, help: "A command, e.g. `put KEY VALUE`; none for the prompt.")
    var words: [String] = []

    func run() async throws {
        let endpoints = self.servers.map(\.value)
        try await withRaftKVSession(endpoints: endpoints, deadline: .milliseconds(Int(self.timeout * 1000))) { session in
            if self.words.isEmpty {
                await self.prompt(session)
            } else {
                let line = try ClientCommandLine(words: self.words)
                if !(try await Self.perform(line, on: session)) { throw ExitCode(1) }
            }
        }
    }

    private func prompt(_ session: RaftKVSession) async {
        print("raftkv client \(session.clientID) → \(session.servers.map(\.description).joined(separator: ", ")); `help` lists the commands")
        while true {
            print("raftkv> ", terminator: "")
            guard let text = readLine() else { return }
            let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.isEmpty { continue }
            do {
                let line = try ClientCommandLine(words: words)
                if line == .quit { return }
                _ = try await Self.perform(line, on: session)
            } catch {
                print("error: \(error)")
            }
        }
    }

    /// Runs one command and prints its outcome; false when it failed.
    static func perform(_ line: ClientCommandLine, on session: RaftKVSession) async throws -> Bool {
        switch line {
        case .help:
            print(ClientCommandLine.usage)
        case .quit:
            break
        case .status:
            print(StatusTable.header)
            for index in session.servers.indices {
                do {
                    print(StatusTable.row(try await session.status(ofEndpoint: index)))
                } catch {
                    print(StatusTable.unreachable(session.servers[index], error))
                }
            }
        case .operation(let operation, let stale):
            do {
                let result = try await session.execute(operation, consistency: stale ? .stale : .linearizable)
                print(Self.render(result))
                if case .rejected = result { return false }
            } catch {
                print("error: \(error)")
                return false
            }
        }
        return true
    }

    static func render(_ result: KVResult) -> String {
        switch result {
        case .value(let value): return value ?? "(nil)"
        case .done: return "OK"
        case .cas(let succeeded, let current): return succeeded ? "OK" : "FAILED: the value is \(current.map { "'\($0)'" } ?? "absent")"
        case .entries(let pairs): return pairs.isEmpty ? "(no keys)" : pairs.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        case .rejected(let error): return "error: \(error)"
        }
    }
}

/// `HOST:PORT` on the command line.
struct HostAndPortArgument: ExpressibleByArgument, Sendable {
    var value: HostAndPort

    init(_ value: HostAndPort) { self.value = value }

    init?(argument: String) {
        guard let value = HostAndPort(parsing: argument) else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { self.value.description }
}
