import ArgumentParser
import Foundation
import LabNet

/// `labtestnode serve-grpc`: a gRPC server offering only the standard health service, for the
/// launcher's gRPC readiness probe. Prints `listening on PORT` once bound and serves until killed.
struct GRPCServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-grpc",
        abstract: "Serve the gRPC health service, and nothing else, until killed.")

    @Option(help: "Port to listen on (0: the OS chooses).") var port: Int = 0

    func validate() throws {
        guard (0...65_535).contains(self.port) else {
            throw ValidationError("--port must be in 0...65535 (0 lets the OS choose), got \(self.port)")
        }
    }

    func run() async throws {
        let server = try GRPCServerHost(host: "127.0.0.1", port: self.port, services: [])
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            let address = try await server.listeningAddress
            print("listening on \(address.port)")
            fflush(nil)
        }
    }
}
