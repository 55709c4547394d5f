import ArgumentParser
import Foundation
import LabControl

/// `labctl validate`: check manifests without starting anything.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check manifests: fields, types, node names, dependencies, ports and templates.",
        discussion: "Every problem is reported with its JSON path, e.g. `$.nodes[1].ready.tcp`. Exit code 0 when all are valid."
    )

    @Argument(help: "Manifest files to check.")
    var manifests: [String]

    func run() throws {
        var failed = false
        for path in self.manifests {
            do {
                let manifest = try ManifestParser.load(contentsOf: URL(fileURLWithPath: path))
                print("\(path): ok, topology '\(manifest.name)', \(manifest.nodes.count) node(s), start order: \(manifest.startOrder.map(\.name).joined(separator: " -> "))")
            } catch {
                failed = true
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
        }
        if failed { throw ExitCode(2) }
    }
}
