import Testing
@testable import LabControl

@Suite("Templates")
struct TemplateTests {
    @Test func rendersReferencesAndKeepsLiterals() throws {
        let template = try Template.parse("--peer={{tracker.host}}:{{ tracker.port }}/x").get()
        #expect(template.references.map { "\($0.node).\($0.field)" } == ["tracker.host", "tracker.port"])
        #expect(template.render { node, field in field == "host" ? "127.0.0.1" : "7000" } == "--peer=127.0.0.1:7000/x")
    }

    @Test func textWithoutReferencesIsUnchanged() throws {
        #expect(try Template.parse("plain {text}").get().render { _, _ in "X" } == "plain {text}")
    }

    @Test func viaReferencesAreLinksRenderedSeparately() throws {
        let template = try Template.parse("{{n2.host}}:{{via.n2.peer}}").get()
        #expect(template.references.map { "\($0.node).\($0.field)" } == ["n2.host"])
        #expect(template.links.map { "\($0.node).\($0.port)" } == ["n2.peer"])
        #expect(template.render({ _, _ in "127.0.0.1" }, link: { node, port in node == "n2" && port == "peer" ? "4242" : "?" }) == "127.0.0.1:4242")
    }

    @Test func malformedReferencesSayWhatIsExpected() {
        guard case .failure(let error) = Template.parse("{{a.b.c}}") else {
            Issue.record("{{a.b.c}} parsed")
            return
        }
        #expect(error.problem.contains("{{via.node.port}}"))
    }
}
