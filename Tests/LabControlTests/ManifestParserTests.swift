import Foundation
import Testing
@testable import LabControl

@Suite("Manifest parsing and validation")
struct ManifestParserTests {
    private func parse(_ json: String) throws(ManifestError) -> Manifest {
        try ManifestParser.parse(Data(json.utf8), source: "test.json")
    }

    private func problems(_ json: String) -> [ManifestProblem] {
        do {
            _ = try self.parse(json)
            Issue.record("the manifest should have been rejected")
            return []
        } catch {
            return error.problems
        }
    }

    private func expectProblem(_ json: String, path: String, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = self.problems(json)
        #expect(
            found.contains { $0.path == path && $0.message.contains(text) },
            "expected a problem at \(path) containing \"\(text)\"; got:\n\(found.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }

    @Test func readsACompleteManifest() throws {
        let manifest = try self.parse("""
            {"name": "kv", "description": "two nodes", "nodes": [
              {"name": "web", "command": "srv", "args": ["--db", "{{db.host}}:{{db.port}}"], "env": {"MODE": "{{self.name}}"},
               "ports": {"port": "auto", "admin": 9090}, "ready": {"http": {"port": "port", "path": "/health"}, "timeout": 5},
               "dependsOn": ["db"], "restart": {"policy": "on-failure", "maxRestarts": 2}, "stopGracePeriod": 1.5},
              {"name": "db", "command": "./db", "ports": {"port": "auto"}, "ready": {"grpc": {"port": "port"}}}
            ]}
            """)
        #expect(manifest.name == "kv")
        let web = try #require(manifest.node(named: "web"))
        #expect(web.ports == ["port": .auto, "admin": .fixed(9090)])
        #expect(web.ready == ReadinessProbe(check: .http(port: "port", path: "/health"), timeout: .seconds(5)))
        #expect(web.restart == RestartPolicy(mode: .onFailure, maximumRestarts: 2))
        #expect(web.stopGracePeriod == .milliseconds(1500))
        #expect(manifest.node(named: "db")?.ready?.check == .grpc(port: "port", service: ""))
        #expect(manifest.startOrder.map(\.name) == ["db", "web"])
    }

    @Test func reportsUnknownFieldsWithASuggestion() {
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a", "command": "c", "dependson": []}]}"#,
                           path: "$.nodes[0].dependson", containing: "did you mean 'dependsOn'?")
        self.expectProblem(#"{"name": "x", "nodez": [], "nodes": [{"name": "a", "command": "c"}]}"#,
                           path: "$.nodez", containing: "unknown field 'nodez'")
    }

    @Test func reportsMissingAndMistypedFields() {
        self.expectProblem(#"{"nodes": [{"name": "a", "command": "c"}]}"#, path: "$.name", containing: "is required")
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a"}]}"#, path: "$.nodes[0].command", containing: "is required")
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a", "command": "c", "args": "oops"}]}"#,
                           path: "$.nodes[0].args", containing: "must be an array of strings")
        self.expectProblem(#"{"name": "x", "nodes": []}"#, path: "$.nodes", containing: "non-empty array")
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a", "command": "c", "ports": {"p": 70000}}]}"#,
                           path: "$.nodes[0].ports.p", containing: "from 1 to 65535, found 70000")
    }

    @Test func reportsMissingNodesInDependenciesAndTemplates() {
        let json = #"""
            {"name": "x", "nodes": [
              {"name": "tracker", "command": "c", "ports": {"port": "auto"}},
              {"name": "peer", "command": "c", "args": ["{{trackr.port}}", "{{tracker.prot}}"], "dependsOn": ["trakcer"]}
            ]}
            """#
        self.expectProblem(json, path: "$.nodes[1].dependsOn[0]", containing: "no node is named 'trakcer'; did you mean 'tracker'?")
        self.expectProblem(json, path: "$.nodes[1].args[0]", containing: "no node is named 'trackr'; did you mean 'tracker'?")
        self.expectProblem(json, path: "$.nodes[1].args[1]", containing: "node 'tracker' has no field 'prot'")
    }

    @Test func reportsDependencyCycles() {
        self.expectProblem(#"""
            {"name": "x", "nodes": [
              {"name": "a", "command": "c", "dependsOn": ["c"]},
              {"name": "b", "command": "c", "dependsOn": ["a"]},
              {"name": "c", "command": "c", "dependsOn": ["b"]}
            ]}
            """#, path: "$.nodes", containing: "dependency cycle: a -> c -> b -> a")
    }

    @Test func reportsDuplicateNodesAndPorts() {
        let json = #"""
            {"name": "x", "nodes": [
              {"name": "a", "command": "c", "ports": {"p": 5001}},
              {"name": "a", "command": "c", "ports": {"q": 5001}}
            ]}
            """#
        self.expectProblem(json, path: "$.nodes[1].name", containing: "duplicate node name 'a'")
        self.expectProblem(json, path: "$.nodes[1].ports.q", containing: "port 5001 is already used by a.p")
    }

    @Test func reportsProbesOnUndeclaredPortsAndAmbiguousProbes() {
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a", "command": "c", "ports": {"port": "auto"}, "ready": {"tcp": "web"}}]}"#,
                           path: "$.nodes[0].ready", containing: "port 'web', which this node does not declare")
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a", "command": "c", "ready": {"log": "up", "tcp": "p"}}]}"#,
                           path: "$.nodes[0].ready", containing: "exactly one of tcp, http, grpc or log")
    }

    @Test func reportsMalformedTemplatesAndJSONWithTheirPlace() {
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a", "command": "c", "args": ["{{a.port"]}]}"#,
                           path: "$.nodes[0].args[0]", containing: "never closed")
        self.expectProblem(#"{"name": "x", "nodes": [{"name": "a", "command": "c", "args": ["{{port}}"]}]}"#,
                           path: "$.nodes[0].args[0]", containing: "{{node.field}}")
        self.expectProblem("{\n  \"name\": \"x\",,\n}", path: "$", containing: "line 2")
    }

    @Test func reportsEveryProblemAtOnce() {
        let found = self.problems(#"{"name": "bad name!", "nodes": [{"name": "self", "command": 3, "restart": {"policy": "sometimes"}}]}"#)
        #expect(found.map(\.path) == ["$.name", "$.nodes[0].name", "$.nodes[0].command", "$.nodes[0].restart.policy"])
    }

    @Test func linksMustNameAnotherNodesPort() {
        let manifest = { (arg: String) in
            #"{"name": "t", "nodes": [{"name": "a", "command": "x", "ports": {"peer": "auto"}, "args": ["\#(arg)"]}, {"name": "b", "command": "x", "ports": {"peer": "auto"}}]}"#
        }
        self.expectProblem(manifest("{{via.zz.peer}}"), path: "$.nodes[0].args[0]", containing: "zz")
        self.expectProblem(manifest("{{via.b.client}}"), path: "$.nodes[0].args[0]", containing: "has no port 'client'")
        self.expectProblem(manifest("{{via.a.peer}}"), path: "$.nodes[0].args[0]", containing: "reaches itself directly")
    }
}
