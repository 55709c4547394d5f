import Foundation
import Testing
@testable import LabControl

@Suite("Manifests shipped in labs/")
struct ShippedManifestTests {
    static let labs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("labs")

    static var jsonFiles: [URL] {
        let walker = FileManager.default.enumerator(at: Self.labs, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".schema.json") }
            .filter { !$0.path.contains("/exercises/") }
            .sorted { $0.path < $1.path }
    }

    static var manifests: [URL] { Self.jsonFiles.filter { !$0.path.contains("/scenarios/") } }
    static var scenarios: [URL] { Self.jsonFiles.filter { $0.path.contains("/scenarios/") } }

    @Test func thereAreManifestsToCheck() {
        #expect(!Self.manifests.isEmpty, "no manifests found under \(Self.labs.path)")
    }

    @Test(arguments: Self.manifests)
    func everyShippedManifestIsValid(manifest: URL) throws {
        _ = try ManifestParser.load(contentsOf: manifest)
    }

    @Test(arguments: Self.scenarios)
    func everyShippedScenarioIsValidAndNamesAValidManifest(scenario: URL) throws {
        let loaded = try Scenario.load(contentsOf: scenario)
        _ = try ManifestParser.load(contentsOf: scenario.deletingLastPathComponent().appendingPathComponent(loaded.manifest))
        #expect(loaded.faults.count > 0)
    }
}
