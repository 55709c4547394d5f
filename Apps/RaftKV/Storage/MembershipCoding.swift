import Foundation
import RaftCore

/// Memberships are stored as small JSON objects: `{"learners":[4],"voters":[1,2,3]}`.
enum MembershipCoding {
    static func encode(_ membership: Membership) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(membership)
    }

    /// Decodes the membership of the entry (or snapshot) at `index`.
    static func decode(_ data: Data, index: LogIndex) throws(RaftStorageError) -> Membership {
        do {
            return try JSONDecoder().decode(Membership.self, from: data)
        } catch {
            throw .corruptEntry(index: index, reason: "membership is not valid JSON: \(error)")
        }
    }
}
