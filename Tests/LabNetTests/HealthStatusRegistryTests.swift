import LabNet
import Testing

@Suite("HealthStatusRegistry")
struct HealthStatusRegistryTests {
    @Test("the whole server starts SERVING; other services are unknown until set")
    func initialState() {
        let health = HealthStatusRegistry()
        #expect(health.status(forService: "") == .serving)
        #expect(health.status(forService: "labtest.Stub") == nil)
        health.setStatus(.notServing, forService: "labtest.Stub")
        #expect(health.status(forService: "labtest.Stub") == .notServing)
    }

    @Test("the terminal state marks everything NOT_SERVING for good")
    func terminalState() {
        let health = HealthStatusRegistry()
        health.setStatus(.serving, forService: "labtest.Stub")
        health.enterTerminalState()
        #expect(health.status(forService: "") == .notServing)
        #expect(health.status(forService: "labtest.Stub") == .notServing)
        health.setStatus(.serving, forService: "labtest.Stub")
        #expect(health.status(forService: "labtest.Stub") == .notServing)
    }
}
