import Testing
@testable import TaskQueueCore

@Suite("Operations")
struct OperationTests {
    let registry = OperationRegistry.standard

    func run(_ op: String, _ data: String) async throws -> String {
        try await #require(self.registry.operation(named: op)).run(data)
    }

    @Test func seedOperationsGiveTheSeedsResults() async throws {
        #expect(try await self.run("uppercase", "hola mundo") == "HOLA MUNDO")
        #expect(try await self.run("echo", "hola") == "hola")
        #expect(try await self.run("hash", "hola") == "b221d9dbb083a7f33428d7c2a3c3198ae925614d70210e28716ccaa7cd4ddb79")
        #expect(try await self.run("hash", "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func failAndBadSleepThrowTheirMessages() async {
        await #expect(throws: OperationFailure.self) { try await self.run("fail", "nope") }
        await #expect(throws: OperationFailure.self) { try await self.run("sleep", "forever") }
    }

    @Test func theRegistryListsItsOperations() {
        #expect(self.registry.names == ["echo", "fail", "hash", "sleep", "uppercase"])
        #expect(self.registry.operation(named: "nope") == nil)
    }
}
