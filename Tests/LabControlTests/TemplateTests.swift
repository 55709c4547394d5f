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
}
