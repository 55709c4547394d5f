import Foundation

/// Task ids and lease tokens: random UUIDs in lowercase, unique across servers sharing a queue.
enum TaskIdentifier {
    static func make() -> String { UUID().uuidString.lowercased() }
}
