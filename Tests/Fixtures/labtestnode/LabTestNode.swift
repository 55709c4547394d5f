import ArgumentParser

/// A small process for the test suite: a line server whose behaviour tests can steer, a gRPC
/// server with just the health service, and an object writer and a Raft storage writer that tests
/// kill mid-write. Not part of any lab.
@main
struct LabTestNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labtestnode",
        abstract: "Test-only node for DistLab's launcher and storage tests.",
        subcommands: [ServeCommand.self, GRPCServeCommand.self, ObjectWriterCommand.self, RaftStorageWriterCommand.self]
    )
}
