import LabNet
import Testing
@Test func tmpCancelServe() async throws {
    let server = try GRPCServerHost(services: [])
    let task = Task { try await server.serve() }
    _ = try await server.listeningAddress
    task.cancel()
    let result = await task.result
    print("TMPRESULT \(result)")
}
